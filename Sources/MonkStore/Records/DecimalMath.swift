import Foundation
import MonkCore

/// Exact decimal arithmetic for aggregates (API.md §4.2): sums of decimals stay exact (up to 38 significant
/// digits, Foundation's `Decimal`), never a round trip through `Double`.
package enum DecimalMath {
    /// The exact sum of `numbers`; `nil` for an empty list.
    package static func sum(_ numbers: [JSONNumber]) -> JSONNumber? {
        guard !numbers.isEmpty else { return nil }
        var total = Decimal.zero
        for number in numbers { total += decimal(number) }
        return JSONNumber(total.description)
    }

    /// The average rounded to 20 significant digits; `nil` for an empty list.
    package static func average(_ numbers: [JSONNumber]) -> JSONNumber? {
        guard !numbers.isEmpty else { return nil }
        var total = Decimal.zero
        for number in numbers { total += decimal(number) }
        var quotient = total / Decimal(numbers.count)
        var rounded = Decimal()
        let magnitude = quotient.isZero ? 0 : quotient.exponent + (quotient.significandDigitCount)
        NSDecimalRound(&rounded, &quotient, max(0, 20 - magnitude), .plain)
        return JSONNumber(rounded.description)
    }

    private static func decimal(_ number: JSONNumber) -> Decimal {
        Decimal(string: number.canonical, locale: Locale(identifier: "en_US_POSIX")) ?? .zero
    }
}

extension Decimal {
    /// The number of significant digits of the significand.
    fileprivate var significandDigitCount: Int {
        var digits = 0
        var value = (self.significand as NSDecimalNumber).uint64Value
        while value > 0 {
            digits += 1
            value /= 10
        }
        return digits
    }
}

extension TenantTransaction {
    /// Replaces the listed `access_*` lists of a record (bulk `access-*`, API.md §6.2); others stay.
    package func replaceAccess(of record: StoredRecord, changes: JSONObject, in model: ModelInfo, now: String) throws
        -> StoredRecord
    {
        var record = record
        func ids(_ key: String, _ current: [String]) throws -> [String] {
            guard let value = changes.member(key) else { return current }
            guard let items = value.arrayValue else {
                throw StoreError(code: "OPERATION_INVALID_DATA", message: "\(key) must be an array of user ids")
            }
            return try items.map { item in
                guard let id = item.stringValue.flatMap(UUIDText.canonical) else {
                    throw StoreError(code: "OPERATION_INVALID_DATA", message: "\(key) must hold user ids")
                }
                return id
            }
        }
        record.access = AccessLists(
            read: try ids("access_read", record.access.read),
            edit: try ids("access_edit", record.access.edit),
            full: try ids("access_full", record.access.full),
            deny: try ids("access_deny", record.access.deny)
        )
        record.updatedAt = now
        try replace(record, in: model.name)
        return record
    }
}
