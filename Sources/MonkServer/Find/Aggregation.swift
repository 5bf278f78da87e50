import MonkCore
import MonkStore

/// Aggregates (API.md §4.2): `$count`, `$sum`, `$avg`, `$min`, `$max`, `$distinct`, optionally per `groupBy`.
///
/// Matching records are read in one transaction and folded in Swift, so decimal sums stay exact.
enum Aggregation {
    /// One requested aggregate: result key, function and field (`*` for `$count: "*"`).
    struct Term {
        var alias: String
        var function: String
        var field: String
    }

    /// Runs the aggregate body `raw` (`aggregate`, `where` or `filter.where`, `groupBy`, `trashed`).
    ///
    /// - Throws: 400 `MISSING_AGGREGATION`, `FILTER_INVALID_AGGREGATION`, `FILTER_INVALID_FIELD_NAME`, and the
    ///   filter errors of §3.
    static func run(_ raw: JSONObject, model: ModelInfo, caller: Caller, tx: TenantTransaction) throws -> JSONValue {
        guard case .object(let spec)? = raw["aggregate"], !spec.isEmpty else {
            throw APIError(400, "MISSING_AGGREGATION", "an aggregate object is required")
        }
        let terms = try spec.map { member in try term(member.key, member.value, model: model) }
        let groupBy: [String]
        switch raw["groupBy"] {
        case .string(let field)?: groupBy = [field]
        case .array(let items)?: groupBy = items.compactMap(\.stringValue)
        default: groupBy = []
        }
        for field in groupBy where model.field(field) == nil && !RecordCodec.isSystemField(field) {
            throw APIError(400, "FILTER_INVALID_FIELD_NAME", "unknown groupBy field '\(field)'")
        }
        var findBody: JSONObject = [:]
        if let filter = raw.member("where") ?? raw["filter"]?.objectValue?.member("where") {
            findBody["where"] = filter
        }
        if let trashed = raw.member("trashed") { findBody["trashed"] = trashed }
        let find = try QueryBuilder.find(body: .object(findBody), model: model)
        let records = try tx.records(
            in: model.name,
            query: QueryBuilder.query(find, model: model, caller: caller, tx: tx)
        )
        var groups: [[JSONValue]: [JSONObject]] = [:]
        var keys: [[JSONValue]] = []
        for record in records {
            let object = RecordCodec.fullObject(record)
            let key = groupBy.map { object[$0] ?? .null }
            if groups[key] == nil { keys.append(key) }
            groups[key, default: []].append(object)
        }
        if groupBy.isEmpty && keys.isEmpty { keys = [[]] }
        keys.sort { lhs, rhs in
            for (a, b) in zip(lhs, rhs) where a != b { return precedes(a, b) }
            return false
        }
        return .array(
            keys.map { key in
                var row = JSONObject()
                for (field, value) in zip(groupBy, key) { row[field] = value }
                for term in terms { row[term.alias] = compute(term, groups[key] ?? []) }
                return .object(row)
            }
        )
    }

    private static func term(_ alias: String, _ value: JSONValue, model: ModelInfo) throws -> Term {
        let invalid = APIError(400, "FILTER_INVALID_AGGREGATION", "invalid aggregate '\(alias)'")
        guard QueryBuilder.isName(alias), case .object(let call) = value, call.count == 1,
            let (function, argument) = call.members.first.map({ ($0.key, $0.value) }),
            ["$count", "$sum", "$avg", "$min", "$max", "$distinct"].contains(function), let field = argument.stringValue
        else { throw invalid }
        if field == "*" {
            guard function == "$count" else { throw invalid }
            return Term(alias: alias, function: function, field: field)
        }
        let type = model.field(field)?.type ?? (RecordCodec.isSystemField(field) ? .timestamp : nil)
        guard let type else {
            throw APIError(
                400,
                "FILTER_INVALID_FIELD_NAME",
                "unknown field '\(field)'",
                details: ["field": .string(field)]
            )
        }
        if (function == "$sum" || function == "$avg") && !type.isNumeric { throw invalid }
        return Term(alias: alias, function: function, field: field)
    }

    private static func compute(_ term: Term, _ rows: [JSONObject]) -> JSONValue {
        if term.field == "*" { return .number(JSONNumber(rows.count)) }
        let values = rows.compactMap { row -> JSONValue? in
            guard let value = row[term.field], !value.isNull else { return nil }
            return value
        }
        switch term.function {
        case "$count": return .number(JSONNumber(values.count))
        case "$distinct": return .number(JSONNumber(Set(values).count))
        case "$sum": return DecimalMath.sum(values.compactMap(\.numberValue)).map(JSONValue.number) ?? .null
        case "$avg": return DecimalMath.average(values.compactMap(\.numberValue)).map(JSONValue.number) ?? .null
        case "$min": return values.min(by: precedes) ?? .null
        default: return values.max(by: precedes) ?? .null
        }
    }

    /// Value order: numbers by value, text by code point, false before true, nulls last.
    static func precedes(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, _): return false
        case (_, .null): return true
        case (.number(let a), .number(let b)): return a < b
        case (.string(let a), .string(let b)): return a.utf8.lexicographicallyPrecedes(b.utf8)
        case (.bool(let a), .bool(let b)): return !a && b
        default: return lhs.canonicalString.utf8.lexicographicallyPrecedes(rhs.canonicalString.utf8)
        }
    }
}
