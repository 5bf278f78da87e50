/// Parsing the `where` DSL of API.md §3.2–3.3 from a JSON value.
extension WhereExpression {
    /// Parses a `where` object.
    ///
    /// With `fieldTypes` (a model's own fields; system fields are added), a field outside them is
    /// `FILTER_INVALID_FIELD_NAME`, and operands of `=`, comparisons, `$between`, `$in`, `$nin`, `$any`, `$all`
    /// are checked and normalized to the field's wire form (``FieldType/normalized(_:)``; integer fields
    /// take any number for ordering comparisons). Without it (the sync client's local filter) any identifier is
    /// accepted and operands are kept as sent.
    ///
    /// ```swift
    /// let filter = try WhereExpression(parsing: ["age": ["$gte": 18], "name": ["$ilike": "a%"]])
    /// // .and([.field("age", .compare(.greaterThanOrEqual, 18)), .field("name", .like(…, negated: false))])
    /// ```
    ///
    /// - Throws: ``QueryError`` with the §0.8 filter codes: `FILTER_INVALID_WHERE_TYPE` (not an object, or an
    ///   operand of the wrong JSON type or not convertible to the field's type), `FILTER_INVALID_FIELD_FORMAT`,
    ///   `FILTER_INVALID_FIELD_NAME`, `FILTER_UNSUPPORTED_OPERATOR` (unknown `$op`, or an object without `$`
    ///   keys), `FILTER_UNSUPPORTED_LOGICAL_OPERATOR`, `FILTER_INVALID_LOGICAL_OPERATOR` (logical value not an
    ///   array), `FILTER_EMPTY_LOGICAL_ARRAY`, `FILTER_INVALID_LOGICAL_CONDITION` (an item not an object),
    ///   `FILTER_INVALID_NOT_CONDITION`, `FILTER_OPERATOR_REQUIRES_ARRAY`, `FILTER_BETWEEN_REQUIRES_ARRAY`,
    ///   `FILTER_NULL_REQUIRES_BOOLEAN`, `FILTER_EXISTS_REQUIRES_BOOLEAN`; `BAD_REQUEST` for a malformed LIKE
    ///   pattern or regular expression.
    package init(parsing value: JSONValue, fieldTypes: [String: FieldType]? = nil) throws(QueryError) {
        guard case .object = value else {
            throw QueryError(code: .filterInvalidWhereType, message: "where must be an object, not \(value.typeName)")
        }
        let parser = WhereParser(fieldTypes: fieldTypes.map { $0.merging(SystemField.types) { own, _ in own } })
        self = try parser.conditions(value)
    }
}

/// The recursive-descent parser behind ``WhereExpression/init(parsing:fieldTypes:)``.
struct WhereParser {
    /// Every known field with its type; `nil` when the model is unknown.
    let fieldTypes: [String: FieldType]?

    /// An object of conditions: its keys ANDed.
    func conditions(_ value: JSONValue) throws(QueryError) -> WhereExpression {
        guard case .object(let object) = value else {
            throw QueryError(
                code: .filterInvalidLogicalCondition,
                message: "a logical operator's conditions must be objects, not \(value.typeName)"
            )
        }
        var items: [WhereExpression] = []
        for (key, operand) in object {
            if key.hasPrefix("$") {
                items.append(try logical(key, operand))
            } else {
                items.append(contentsOf: try field(key, operand))
            }
        }
        return items.count == 1 ? items[0] : .and(items)
    }

    /// `$and`, `$or`, `$nand`, `$nor`, `$not`.
    private func logical(_ key: String, _ operand: JSONValue) throws(QueryError) -> WhereExpression {
        let details: JSONObject = ["operator": .string(key)]
        switch key {
        case "$and", "$or", "$nand", "$nor":
            guard case .array(let items) = operand else {
                throw QueryError(
                    code: .filterInvalidLogicalOperator,
                    message: "\(key) needs an array of conditions, not \(operand.typeName)",
                    details: details
                )
            }
            if items.isEmpty && (key == "$and" || key == "$or") {
                throw QueryError(
                    code: .filterEmptyLogicalArray,
                    message: "\(key) needs at least one condition",
                    details: details
                )
            }
            var parsed: [WhereExpression] = []
            for item in items { parsed.append(try conditions(item)) }
            switch key {
            case "$and": return .and(parsed)
            case "$or": return .or(parsed)
            case "$nand": return .not(.and(parsed))
            default: return .not(.or(parsed))
            }
        case "$not":
            switch operand {
            case .object: return .not(try conditions(operand))
            case .array(let items) where !items.isEmpty:
                var parsed: [WhereExpression] = []
                for item in items { parsed.append(try conditions(item)) }
                return .not(.and(parsed))
            default:
                throw QueryError(
                    code: .filterInvalidNotCondition,
                    message: "$not needs an object or a non-empty array of conditions",
                    details: details
                )
            }
        default:
            throw QueryError(
                code: .filterUnsupportedLogicalOperator,
                message: "unsupported logical operator \(key)",
                details: details
            )
        }
    }
}
