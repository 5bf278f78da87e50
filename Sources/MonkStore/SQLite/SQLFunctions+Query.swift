import GRDB
import MonkCore

/// The where-DSL's SQL functions. Each returns `NULL` when its field value is `NULL` (three-valued logic) and
/// otherwise calls MonkCore's own matcher, so SQL and the local evaluator agree.
///
/// - `monk_like(text, pattern, caseInsensitive)`: LIKE with `%`, `_`, `\` escapes (``LikePattern``).
/// - `monk_regex(text, pattern)`: unanchored regex search (``RegexPattern``).
/// - `monk_contains(text, needle)`: case-folded substring (`$find`, `$text`).
/// - `monk_search(text, terms)`: every whitespace-separated term occurs, case-folded (`$search`).
/// - `monk_any(array, values)`, `monk_all(array, values)`: JSON array membership tests (`$any`, `$all`).
/// - `monk_size(json)`: array length, or text length in code points (`$size`).
enum QueryFunctions {
    static func register(in db: Database) {
        for function in [like, regex, contains, search, any, all, size] { db.add(function: function) }
    }

    /// Compiled patterns by source, so a pattern is compiled once rather than once per row.
    private static let patterns = PatternCache()

    static let like = DatabaseFunction("monk_like", argumentCount: 3, pure: true) { values -> Bool? in
        guard let text = String.fromDatabaseValue(values[0]), let source = String.fromDatabaseValue(values[1]) else {
            return nil
        }
        let insensitive = Int.fromDatabaseValue(values[2]) == 1
        return try patterns.like(source, caseInsensitive: insensitive).matches(text)
    }

    static let regex = DatabaseFunction("monk_regex", argumentCount: 2, pure: true) { values -> Bool? in
        guard let text = String.fromDatabaseValue(values[0]), let source = String.fromDatabaseValue(values[1]) else {
            return nil
        }
        return try patterns.regex(source).matches(text)
    }

    static let contains = DatabaseFunction("monk_contains", argumentCount: 2, pure: true) { values -> Bool? in
        guard let text = String.fromDatabaseValue(values[0]), let needle = String.fromDatabaseValue(values[1]) else {
            return nil
        }
        return CaseFolding.fold(text).contains(CaseFolding.fold(needle))
    }

    static let search = DatabaseFunction("monk_search", argumentCount: 2, pure: true) { values -> Bool? in
        guard let text = String.fromDatabaseValue(values[0]), let terms = String.fromDatabaseValue(values[1]) else {
            return nil
        }
        let folded = CaseFolding.fold(text)
        return terms.split(whereSeparator: \.isWhitespace).allSatisfy { folded.contains(CaseFolding.fold($0)) }
    }

    static let any = DatabaseFunction("monk_any", argumentCount: 2, pure: true) { values -> Bool? in
        guard let (items, wanted) = arrays(values) else { return nil }
        return wanted.contains { items.contains($0) }
    }

    static let all = DatabaseFunction("monk_all", argumentCount: 2, pure: true) { values -> Bool? in
        guard let (items, wanted) = arrays(values) else { return nil }
        return wanted.allSatisfy { items.contains($0) }
    }

    static let size = DatabaseFunction("monk_size", argumentCount: 1, pure: true) { values -> Int? in
        // A value that is not JSON has no size: NULL, like SQL NULL.
        guard let text = String.fromDatabaseValue(values[0]), let value = try? JSONParser.parse(text) else {
            return nil
        }
        switch value {
        case .array(let items): return items.count
        case .string(let string): return string.unicodeScalars.count
        default: return nil
        }
    }

    /// The field's array and the operand array, or `nil` when the field is NULL or not an array.
    private static func arrays(_ values: [DatabaseValue]) -> ([JSONValue], [JSONValue])? {
        // Stored arrays are canonical JSON; anything unreadable compares as NULL (UNKNOWN).
        guard let field = String.fromDatabaseValue(values[0]), let operand = String.fromDatabaseValue(values[1]),
            case .array(let items)? = try? JSONParser.parse(field),
            case .array(let wanted)? = try? JSONParser.parse(operand)
        else { return nil }
        return (items, wanted)
    }
}
