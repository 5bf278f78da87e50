/// A parsed `where` filter (API.md §3.2–3.3): what the SQL compilers translate and ``WhereEvaluator`` runs.
///
/// Parsing (``init(parsing:fieldTypes:)``) desugars the DSL: top-level keys and several operators on one field
/// become ``and(_:)``; `$nand`/`$nor` and `$not` become ``not(_:)``; `"f": null`, `$eq: null`, `$null: true` and
/// `$exists: false` become ``FieldPredicate/isNull``. `{}` is `.and([])`, which matches every record.
///
/// Compile with SQL three-valued logic: ``and(_:)`` of nothing is TRUE, ``or(_:)`` of nothing is FALSE, and
/// ``not(_:)`` is SQL `NOT` (NOT UNKNOWN is UNKNOWN, so a null field never matches under a negation).
package indirect enum WhereExpression: Sendable, Hashable {
    /// All must hold (`$and`, top-level keys, several operators on one field).
    case and([WhereExpression])
    /// At least one must hold.
    case or([WhereExpression])
    /// SQL `NOT`.
    case not(WhereExpression)
    /// A test of one field.
    case field(String, FieldPredicate)

    /// Every expression that matches all records.
    package static let matchAll = WhereExpression.and([])

    /// The names of every field the expression tests, sorted, without duplicates.
    package var fieldNames: [String] {
        var names = Set<String>()
        collectFieldNames(into: &names)
        return names.sorted()
    }

    private func collectFieldNames(into names: inout Set<String>) {
        switch self {
        case .and(let items), .or(let items): for item in items { item.collectFieldNames(into: &names) }
        case .not(let inner): inner.collectFieldNames(into: &names)
        case .field(let name, _): names.insert(name)
        }
    }
}

/// The ordering comparisons of `$gt`, `$gte`, `$lt`, `$lte` (and `$size` with an operator object).
package enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "$eq"
    case notEqual = "$ne"
    case greaterThan = "$gt"
    case greaterThanOrEqual = "$gte"
    case lessThan = "$lt"
    case lessThanOrEqual = "$lte"

    /// The SQL operator: `=`, `<>`, `>`, `>=`, `<`, `<=`.
    package var sql: String {
        switch self {
        case .equal: "="
        case .notEqual: "<>"
        case .greaterThan: ">"
        case .greaterThanOrEqual: ">="
        case .lessThan: "<"
        case .lessThanOrEqual: "<="
        }
    }

    /// Whether a three-way comparison result (`-1`, `0`, `1`) satisfies the operator.
    package func holds(forOrder order: Int) -> Bool {
        switch self {
        case .equal: order == 0
        case .notEqual: order != 0
        case .greaterThan: order > 0
        case .greaterThanOrEqual: order >= 0
        case .lessThan: order < 0
        case .lessThanOrEqual: order <= 0
        }
    }
}

/// One test of a field's value. Operand values are never `null` unless stated, and, when the field's type
/// was known at parse time, they are already in the type's wire form (timestamps `…Z` with milliseconds,
/// lowercase uuids, decimals as numbers), so a store can compare them with stored wire-form values.
///
/// A null or missing field makes every predicate UNKNOWN except ``isNull`` and ``isNotNull``, and except
/// ``in(_:)`` / ``notIn(_:)`` with an empty list, which are the constants FALSE / TRUE (SQL's empty `IN`).
package enum FieldPredicate: Sendable, Hashable {
    /// `IS NULL` (`"f": null`, `$eq: null`, `$null: true`, `$exists: false`); a missing key is null.
    case isNull
    /// `IS NOT NULL` (`$ne: null`, `$null: false`, `$exists: true`).
    case isNotNull
    /// `"f": scalar`, `$eq`, `$ne`/`$neq`, `$gt`, `$gte`, `$lt`, `$lte` with a non-null scalar.
    case compare(ComparisonOperator, JSONValue)
    /// `$between: [low, high]`, inclusive; both non-null scalars.
    case between(JSONValue, JSONValue)
    /// `$in` and `"f": [a, b]`: equal to one of the values. Elements may be `null` (they never match, and make
    /// a non-match UNKNOWN, as SQL `IN` does).
    case `in`([JSONValue])
    /// `$nin`: equal to none of the values (SQL `NOT IN`).
    case notIn([JSONValue])
    /// `$like`, `$ilike` (``LikePattern/isCaseInsensitive``); `negated` for `$nlike`, `$nilike`.
    case like(LikePattern, negated: Bool)
    /// `$regex`; `negated` for `$nregex`.
    case regex(RegexPattern, negated: Bool)
    /// `$find`, `$text`: the text contains this literal, case-insensitively (``CaseFolding``).
    case containsText(String)
    /// `$search`: every whitespace-separated term occurs case-insensitively (``TextSearch/terms(of:)``).
    case search(String)
    /// `$any` (shares an element) / `$nany` (`negated`); operand elements are non-null.
    case anyOf([JSONValue], negated: Bool)
    /// `$all` (contains every element) / `$nall` (`negated`); operand elements are non-null.
    case allOf([JSONValue], negated: Bool)
    /// `$size`: the array length (or text length in code points) compared with a non-negative integer.
    case size(ComparisonOperator, Int64)
}
