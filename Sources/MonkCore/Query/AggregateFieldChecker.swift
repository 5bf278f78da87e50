/// Checks aliases, functions and fields of aggregate requests (API.md §4).
struct AggregateFieldChecker {
    let fieldTypes: [String: FieldType]?

    /// One `alias: {"$function": field}` entry.
    func aggregation(_ alias: String, _ spec: JSONValue) throws(QueryError) -> Aggregation {
        guard NameRules.isIdentifier(alias) else {
            throw invalid("alias '\(alias)' must match ^[a-zA-Z_][a-zA-Z0-9_]*$")
        }
        guard case .object(let object) = spec, object.count == 1, let (key, operand) = object.members.first else {
            throw invalid("'\(alias)' must be an object with one function, e.g. {\"$sum\": \"balance\"}")
        }
        guard let function = AggregateFunction(rawValue: key) else {
            throw invalid("'\(alias)' uses the unknown function \(key)")
        }
        guard case .string(let name) = operand else {
            throw invalid("'\(alias)': \(key) needs a field name")
        }
        return try aggregation(alias, function, name)
    }

    /// An aggregation of `function` over `name` (`"*"` only for `$count`).
    func aggregation(_ alias: String, _ function: AggregateFunction, _ name: String) throws(QueryError) -> Aggregation {
        if name == "*" {
            guard function == .count else { throw invalid("'\(alias)': \(function.rawValue) needs a field, not *") }
            return Aggregation(alias: alias, function: function, field: nil)
        }
        let field = try field(name)
        if function.needsNumericField, let type = fieldTypes?[field] ?? SystemField.types[field], !type.isNumeric {
            throw invalid("'\(alias)': \(function.rawValue) needs a numeric field; '\(field)' is \(type.apiName)")
        }
        return Aggregation(alias: alias, function: function, field: field)
    }

    /// A field name: format, and existence when the model is known.
    func field(_ name: String) throws(QueryError) -> String {
        guard NameRules.isIdentifier(name) else {
            throw QueryError(
                code: .filterInvalidFieldFormat,
                message: "field name '\(name)' must match ^[a-zA-Z_][a-zA-Z0-9_]*$",
                details: ["field": .string(name)]
            )
        }
        if let fieldTypes, fieldTypes[name] == nil, !SystemField.contains(name) {
            throw QueryError(
                code: .filterInvalidFieldName,
                message: "unknown field '\(name)'",
                details: ["field": .string(name)]
            )
        }
        return name
    }

    func invalid(_ message: String) -> QueryError {
        QueryError(code: .filterInvalidAggregation, message: message)
    }
}

extension AggregateRequest {
    /// The query parameters of `GET /api/aggregate/:model`, in the order given.
    package typealias QueryItem = (name: String, value: String?)

    /// Parses the `GET` form: `count` (presence), `sum=f`, `avg=f`, `min=f`, `max=f`; result aliases are the
    /// parameter names. `where` is decoded with `parseJSON`; other parameters are ignored.
    ///
    /// - Throws: ``QueryError`` `MISSING_AGGREGATION` when none is given, `JSON_PARSE_ERROR`, field and where
    ///   codes, `FILTER_INVALID_AGGREGATION` for `sum`/`avg` of a non-numeric field or a missing field name.
    package init(
        queryItems: [QueryItem],
        fieldTypes: [String: FieldType]? = nil,
        parseJSON: (String) throws -> JSONValue
    ) throws(QueryError) {
        let checker = AggregateFieldChecker(fieldTypes: fieldTypes)
        let functions: [String: AggregateFunction] = [
            "sum": .sum, "avg": .average, "min": .minimum, "max": .maximum,
        ]
        var aggregations: [Aggregation] = []
        var filter = WhereExpression.matchAll
        for (name, value) in queryItems where !aggregations.contains(where: { $0.alias == name }) {
            if name == "count" {
                aggregations.append(Aggregation(alias: "count", function: .count, field: nil))
            } else if let function = functions[name] {
                guard let value, !value.isEmpty else { throw checker.invalid("\(name) needs a field name") }
                aggregations.append(try checker.aggregation(name, function, value))
            } else if name == "where", let value, !value.isEmpty {
                let parsed: JSONValue
                do {
                    parsed = try parseJSON(value)
                } catch {
                    throw QueryError(code: .jsonParseError, message: "where is not valid JSON")
                }
                filter = try WhereExpression(parsing: parsed, fieldTypes: fieldTypes)
            }
        }
        guard !aggregations.isEmpty else {
            throw QueryError(code: .missingAggregation, message: "give count, sum, avg, min or max")
        }
        self.init(filter: filter, aggregations: aggregations)
    }
}
