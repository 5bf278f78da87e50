/// Field conditions: `"f": value` and `"f": {"$op": operand, …}` (API.md §3.2–3.3).
extension WhereParser {
    /// The conditions on one field, one expression per operator.
    func field(_ name: String, _ value: JSONValue) throws(QueryError) -> [WhereExpression] {
        let type = try checkedType(of: name)
        switch value {
        case .null:
            return [.field(name, .isNull)]
        case .array(let items):
            let context = OperandContext(field: name, type: type, operatorName: "$in")
            return [.field(name, .in(try context.list(items, allowsNull: true)))]
        case .object(let object):
            guard !object.isEmpty else {
                throw QueryError(
                    code: .filterUnsupportedOperator,
                    message: "field '\(name)': an object must contain operators such as $eq",
                    details: ["field": .string(name)]
                )
            }
            var expressions: [WhereExpression] = []
            for (key, operand) in object {
                let context = OperandContext(field: name, type: type, operatorName: key)
                expressions.append(contentsOf: try context.predicates(operand).map { .field(name, $0) })
            }
            return expressions
        default:
            let context = OperandContext(field: name, type: type, operatorName: "$eq")
            return [.field(name, .compare(.equal, try context.scalar(value, forOrdering: false)))]
        }
    }

    /// Checks the field name's format and, when the model is known, that the field exists.
    ///
    /// - Returns: the field's type, or `nil` when types are unknown.
    private func checkedType(of name: String) throws(QueryError) -> FieldType? {
        guard NameRules.isIdentifier(name) else {
            throw QueryError(
                code: .filterInvalidFieldFormat,
                message: "field name '\(name)' must match ^[a-zA-Z_][a-zA-Z0-9_]*$",
                details: ["field": .string(name)]
            )
        }
        guard let fieldTypes else { return nil }
        guard let type = fieldTypes[name] else {
            throw QueryError(
                code: .filterInvalidFieldName,
                message: "unknown field '\(name)'",
                details: ["field": .string(name)]
            )
        }
        return type
    }
}

/// One operator applied to one field: reads and checks its operand.
struct OperandContext {
    let field: String
    let type: FieldType?
    let operatorName: String

    /// The predicates for `operatorName` with `operand` (several for `$size` with an operator object).
    func predicates(_ operand: JSONValue) throws(QueryError) -> [FieldPredicate] {
        switch operatorName {
        case "$eq":
            return [operand.isNull ? .isNull : .compare(.equal, try scalar(operand, forOrdering: false))]
        case "$ne", "$neq":
            return [operand.isNull ? .isNotNull : .compare(.notEqual, try scalar(operand, forOrdering: false))]
        case "$gt", "$gte", "$lt", "$lte":
            let comparison = ComparisonOperator(rawValue: operatorName) ?? .equal
            return [.compare(comparison, try scalar(operand, forOrdering: true))]
        case "$between":
            guard case .array(let bounds) = operand, bounds.count == 2, !bounds[0].isNull, !bounds[1].isNull else {
                throw failure(.filterBetweenRequiresArray, "needs an array of two non-null values")
            }
            return [.between(try scalar(bounds[0], forOrdering: true), try scalar(bounds[1], forOrdering: true))]
        case "$in", "$nin":
            guard case .array(let items) = operand else { throw requiresArray(operand) }
            let values = try list(items, allowsNull: true)
            return [operatorName == "$in" ? .in(values) : .notIn(values)]
        case "$any", "$nany", "$all", "$nall":
            guard case .array(let items) = operand else { throw requiresArray(operand) }
            let values = try list(items, allowsNull: false)
            let negated = operatorName.hasPrefix("$n")
            return [operatorName.hasSuffix("any") ? .anyOf(values, negated: negated) : .allOf(values, negated: negated)]
        case "$exists", "$null":
            guard case .bool(let flag) = operand else {
                let code: QueryError.Code =
                    operatorName == "$exists" ? .filterExistsRequiresBoolean : .filterNullRequiresBoolean
                throw failure(code, "needs true or false, not \(operand.typeName)")
            }
            return [(operatorName == "$null") == flag ? .isNull : .isNotNull]
        case "$size":
            return try sizePredicates(operand)
        default:
            return [try textPredicate(operand)]
        }
    }

    /// `$like` … `$search`, or `FILTER_UNSUPPORTED_OPERATOR` for any other name.
    private func textPredicate(_ operand: JSONValue) throws(QueryError) -> FieldPredicate {
        let textOperators = ["$like", "$nlike", "$ilike", "$nilike", "$regex", "$nregex", "$find", "$text", "$search"]
        guard textOperators.contains(operatorName) else {
            throw failure(.filterUnsupportedOperator, "is not a supported operator")
        }
        guard case .string(let text) = operand else {
            throw failure(.filterInvalidWhereType, "needs a string, not \(operand.typeName)")
        }
        do {
            switch operatorName {
            case "$like", "$nlike": return .like(try LikePattern(text), negated: operatorName == "$nlike")
            case "$ilike", "$nilike":
                return .like(try LikePattern(text, caseInsensitive: true), negated: operatorName == "$nilike")
            case "$regex", "$nregex": return .regex(try RegexPattern(text), negated: operatorName == "$nregex")
            case "$search": return .search(text)
            default: return .containsText(text)
            }
        } catch {
            throw failure(error.code, error.message)
        }
    }

    /// `$size: n` or `$size: {"$gte": n, …}`.
    private func sizePredicates(_ operand: JSONValue) throws(QueryError) -> [FieldPredicate] {
        func integer(_ value: JSONValue) -> Int64? { value.numberValue?.int64Value }
        if let count = integer(operand) { return [.size(.equal, count)] }
        guard case .object(let object) = operand, !object.isEmpty else {
            throw failure(.filterInvalidWhereType, "needs an integer or an object of comparisons")
        }
        var predicates: [FieldPredicate] = []
        for (key, value) in object {
            guard let comparison = ComparisonOperator(rawValue: key == "$neq" ? "$ne" : key) else {
                throw failure(.filterUnsupportedOperator, "does not support \(key)")
            }
            guard let count = integer(value) else {
                throw failure(.filterInvalidWhereType, "\(key) needs an integer, not \(value.typeName)")
            }
            predicates.append(.size(comparison, count))
        }
        return predicates
    }

    /// A non-null scalar operand, normalized to the field's type when known.
    ///
    /// `forOrdering` lets integer fields compare with any number (`age > 17.5`).
    func scalar(_ value: JSONValue, forOrdering: Bool) throws(QueryError) -> JSONValue {
        switch value {
        case .null, .array, .object:
            throw failure(.filterInvalidWhereType, "needs a scalar value, not \(value.typeName)")
        default:
            break
        }
        guard var scalarType = type.map({ $0.elementType ?? $0 }), scalarType != .jsonb else { return value }
        if forOrdering && scalarType == .integer { scalarType = .decimal }
        guard let normalized = scalarType.normalized(value) else {
            throw failure(.filterInvalidWhereType, "needs \(scalarType.expectation) for field '\(field)'")
        }
        return normalized
    }

    /// The elements of an array operand, each a scalar (or `null` when allowed).
    func list(_ items: [JSONValue], allowsNull: Bool) throws(QueryError) -> [JSONValue] {
        var values: [JSONValue] = []
        values.reserveCapacity(items.count)
        for item in items {
            if item.isNull && allowsNull {
                values.append(.null)
            } else {
                values.append(try scalar(item, forOrdering: false))
            }
        }
        return values
    }

    private func requiresArray(_ operand: JSONValue) -> QueryError {
        failure(.filterOperatorRequiresArray, "needs an array, not \(operand.typeName)")
    }

    private func failure(_ code: QueryError.Code, _ problem: String) -> QueryError {
        QueryError(
            code: code,
            message: "field '\(field)': \(operatorName) \(problem)",
            details: ["field": .string(field), "operator": .string(operatorName)]
        )
    }
}
