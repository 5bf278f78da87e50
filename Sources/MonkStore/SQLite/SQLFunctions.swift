import Foundation
import GRDB
import MonkCore

/// monk's SQLite functions and collation, registered on every connection (``DatabaseOpener``).
///
/// They make SQL agree with MonkCore's local evaluator: numbers compare by exact decimal value (never through
/// `REAL`), text by Unicode code point.
///
/// - `MONK_JSON` collation: orders two JSON texts of one field (as `data -> '$.f'` yields them).
/// - `monk_cmp(a, b)`: -1, 0 or 1 comparing two JSON texts the same way; `NULL` when either is SQL `NULL` or
///   JSON `null` (three-valued logic).
enum SQLFunctions {
    static func register(in db: Database) {
        db.add(collation: collation)
        db.add(function: compare)
        QueryFunctions.register(in: db)
    }

    static let collation = DatabaseCollation("MONK_JSON") { lhs, rhs in
        switch order(Array(lhs.utf8), Array(rhs.utf8)) {
        case -1: .orderedAscending
        case 1: .orderedDescending
        default: .orderedSame
        }
    }

    static let compare = DatabaseFunction("monk_cmp", argumentCount: 2, pure: true) { values -> Int? in
        guard let lhs = String.fromDatabaseValue(values[0]), let rhs = String.fromDatabaseValue(values[1]),
            lhs != "null", rhs != "null"
        else { return nil }
        return order(Array(lhs.utf8), Array(rhs.utf8))
    }

    /// Orders two JSON texts: numbers by value, everything else by bytes (for canonical strings that is code
    /// point order; `false` < `true`).
    static func order(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        if isNumberStart(lhs.first), isNumberStart(rhs.first),
            let a = JSONNumber(String(decoding: lhs, as: UTF8.self)),
            let b = JSONNumber(String(decoding: rhs, as: UTF8.self))
        {
            return a < b ? -1 : (b < a ? 1 : 0)
        }
        if lhs.lexicographicallyPrecedes(rhs) { return -1 }
        return lhs == rhs ? 0 : 1
    }

    private static func isNumberStart(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
