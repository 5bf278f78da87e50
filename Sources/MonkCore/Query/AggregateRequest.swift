/// An aggregate function of API.md §4.2.
package enum AggregateFunction: String, Sendable, Hashable, CaseIterable {
    /// Rows (`"*"`) or non-null values of a field.
    case count = "$count"
    /// Integer sum for integer fields, exact decimal sum for decimals; `null` on an empty set.
    case sum = "$sum"
    /// Average (decimals exact, rounded to 20 significant digits); `null` on an empty set.
    case average = "$avg"
    case minimum = "$min"
    case maximum = "$max"
    /// Number of distinct non-null values.
    case distinct = "$distinct"

    /// Whether the field must be `integer` or `decimal`.
    package var needsNumericField: Bool { self == .sum || self == .average }
}

/// One result column: `alias` = `function(field)`.
package struct Aggregation: Sendable, Hashable {
    package var alias: String
    package var function: AggregateFunction
    /// The field, or `nil` for `$count: "*"`.
    package var field: String?

    package init(alias: String, function: AggregateFunction, field: String?) {
        self.alias = alias
        self.function = function
        self.field = field
    }
}

/// A parsed aggregate request: the body of `POST /api/aggregate/:model` (§4.2) or the query of
/// `GET /api/aggregate/:model` (§4.1).
///
/// ```swift
/// let request = try AggregateRequest(body: ["aggregate": ["n": ["$count": "*"]], "groupBy": "status"])
/// request.aggregations   // [Aggregation(alias: "n", function: .count, field: nil)]
/// request.groupBy        // ["status"]
/// ```
package struct AggregateRequest: Sendable, Hashable {
    package var filter: WhereExpression
    package var trashed: TrashedScope
    /// Result columns, in alias order.
    package var aggregations: [Aggregation]
    /// Group fields; result rows carry their values and are ordered by them ascending.
    package var groupBy: [String]

    package init(
        filter: WhereExpression = .matchAll,
        trashed: TrashedScope = .exclude,
        aggregations: [Aggregation],
        groupBy: [String] = []
    ) {
        self.filter = filter
        self.trashed = trashed
        self.aggregations = aggregations
        self.groupBy = groupBy
    }

    /// The keys an aggregate body may contain.
    package static let bodyKeys: Set<String> = ["where", "trashed", "aggregate", "groupBy"]

    /// Parses an aggregate body. A key whose value is `null` counts as absent.
    ///
    /// - Throws: ``QueryError``: `BODY_NOT_OBJECT`; `BAD_REQUEST` (unknown key, bad `trashed`);
    ///   `MISSING_AGGREGATION` (no `aggregate`, or `{}`); `FILTER_INVALID_AGGREGATION` (bad alias, unknown
    ///   function, malformed spec, `$sum`/`$avg` of a non-numeric field, an alias equal to a group field,
    ///   `groupBy` not a string or array of strings); `FILTER_INVALID_FIELD_FORMAT` and
    ///   `FILTER_INVALID_FIELD_NAME` for fields; every where code.
    package init(body: JSONValue, fieldTypes: [String: FieldType]? = nil) throws(QueryError) {
        guard case .object(let object) = body else {
            throw QueryError(code: .bodyNotObject, message: "aggregate body must be an object, not \(body.typeName)")
        }
        if let unknown = object.keys.first(where: { !AggregateRequest.bodyKeys.contains($0) }) {
            throw QueryError(code: .badRequest, message: "unknown aggregate key '\(unknown)'")
        }
        let checker = AggregateFieldChecker(fieldTypes: fieldTypes)
        var filter = WhereExpression.matchAll
        if let value = object.member("where"), !value.isNull {
            filter = try WhereExpression(parsing: value, fieldTypes: fieldTypes)
        }
        guard case .object(let specs)? = object.member("aggregate"), !specs.isEmpty else {
            if let value = object.member("aggregate"), !value.isNull, value.objectValue == nil {
                throw QueryError(code: .filterInvalidAggregation, message: "aggregate must be an object")
            }
            throw QueryError(code: .missingAggregation, message: "aggregate needs at least one function")
        }
        var aggregations: [Aggregation] = []
        for (alias, spec) in specs { aggregations.append(try checker.aggregation(alias, spec)) }
        var groupBy: [String] = []
        switch object.member("groupBy") {
        case nil, .null?: break
        case .string(let name)?: groupBy = [try checker.field(name)]
        case .array(let items)?:
            for item in items {
                guard case .string(let name) = item else { throw checker.invalid("groupBy items must be strings") }
                groupBy.append(try checker.field(name))
            }
        default: throw checker.invalid("groupBy must be a field name or an array of field names")
        }
        if let clash = aggregations.first(where: { groupBy.contains($0.alias) }) {
            throw checker.invalid("alias '\(clash.alias)' is also a groupBy field")
        }
        self.init(
            filter: filter,
            trashed: try TrashedScope(bodyValue: object.member("trashed")),
            aggregations: aggregations,
            groupBy: groupBy
        )
    }
}
