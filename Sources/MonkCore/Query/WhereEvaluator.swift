/// Evaluates a ``WhereExpression`` against one record, locally, with the semantics `monk serve` gives it in
/// SQL (API.md §3.3): the sync client's local filter, and the oracle the store tests compare against.
///
/// Logic is SQL's three-valued logic as PostgreSQL evaluates it: ``evaluate(_:)`` returns `nil` for UNKNOWN,
/// and a record matches only when the result is `true`. A missing key is `null`.
///
/// ```swift
/// let filter = try WhereExpression(parsing: ["$not": ["age": ["$gt": 30]]])
/// let evaluator = WhereEvaluator(filter, fieldTypes: model.fieldTypes)
/// evaluator.matches(["age": 25])   // true
/// evaluator.matches(["age": nil])  // false: NOT(UNKNOWN) is UNKNOWN
/// ```
package struct WhereEvaluator: Sendable {
    package let expression: WhereExpression
    /// Field types (system fields included) when known; they choose the comparison rule of each field.
    package let fieldTypes: [String: FieldType]?

    /// An evaluator for `expression`; pass the same `fieldTypes` the expression was parsed with.
    package init(_ expression: WhereExpression, fieldTypes: [String: FieldType]? = nil) {
        self.expression = expression
        self.fieldTypes = fieldTypes.map { $0.merging(SystemField.types) { own, _ in own } }
    }

    /// Whether the filter is TRUE for `record` (FALSE and UNKNOWN do not match).
    package func matches(_ record: JSONObject) -> Bool { evaluate(record) == true }

    /// The three-valued result for `record`: `true`, `false`, or `nil` for UNKNOWN.
    package func evaluate(_ record: JSONObject) -> Bool? { evaluate(expression, record) }

    private func evaluate(_ expression: WhereExpression, _ record: JSONObject) -> Bool? {
        switch expression {
        case .and(let items):
            var result: Bool? = true
            for item in items {
                switch evaluate(item, record) {
                case false?: return false
                case nil: result = nil
                case true?: continue
                }
            }
            return result
        case .or(let items):
            var result: Bool? = false
            for item in items {
                switch evaluate(item, record) {
                case true?: return true
                case nil: result = nil
                case false?: continue
                }
            }
            return result
        case .not(let inner):
            return evaluate(inner, record).map { !$0 }
        case .field(let name, let predicate):
            return PredicateEvaluation(type: fieldTypes?[name]).evaluate(predicate, record.member(name) ?? .null)
        }
    }
}

/// One predicate applied to one field value.
private struct PredicateEvaluation {
    let type: FieldType?

    func evaluate(_ predicate: FieldPredicate, _ value: JSONValue) -> Bool? {
        switch predicate {
        case .isNull: return value.isNull
        case .isNotNull: return !value.isNull
        case .in(let list) where list.isEmpty: return false
        case .notIn(let list) where list.isEmpty: return true
        default: break
        }
        if value.isNull { return nil }
        switch predicate {
        case .isNull, .isNotNull: return nil
        case .compare(.equal, let operand): return ValueComparison.isEqual(value, operand, as: type)
        case .compare(.notEqual, let operand): return !ValueComparison.isEqual(value, operand, as: type)
        case .compare(let comparison, let operand):
            return ValueComparison.order(value, operand, as: type).map { comparison.holds(forOrder: $0) }
        case .between(let low, let high):
            guard let lower = ValueComparison.order(value, low, as: type),
                let upper = ValueComparison.order(value, high, as: type)
            else { return nil }
            return lower >= 0 && upper <= 0
        case .in(let list): return membership(value, list)
        case .notIn(let list): return membership(value, list).map { !$0 }
        case .like(let pattern, let negated): return text(value).map { pattern.matches($0) != negated }
        case .regex(let pattern, let negated): return text(value).map { pattern.matches($0) != negated }
        case .containsText(let needle): return text(value).map { TextSearch.contains($0, needle) }
        case .search(let query): return text(value).map { TextSearch.matchesAllTerms($0, query) }
        case .anyOf(let list, let negated):
            guard case .array(let elements) = value else { return nil }
            let shares = list.contains { wanted in elements.contains { elementEquals($0, wanted) } }
            return shares != negated
        case .allOf(let list, let negated):
            guard case .array(let elements) = value else { return nil }
            let containsAll = list.allSatisfy { wanted in elements.contains { elementEquals($0, wanted) } }
            return containsAll != negated
        case .size(let comparison, let count):
            let length: Int
            switch value {
            case .array(let elements): length = elements.count
            case .string(let string): length = TextSearch.length(string)
            default: return nil
            }
            return comparison.holds(forOrder: Int64(length) < count ? -1 : (Int64(length) == count ? 0 : 1))
        }
    }

    /// SQL `IN`: TRUE on a match; otherwise UNKNOWN if the list holds a `null`, else FALSE.
    private func membership(_ value: JSONValue, _ list: [JSONValue]) -> Bool? {
        var sawNull = false
        for candidate in list {
            if candidate.isNull {
                sawNull = true
            } else if ValueComparison.isEqual(value, candidate, as: type) {
                return true
            }
        }
        return sawNull ? nil : false
    }

    /// Array elements compare by the element type; `null` elements never equal anything.
    private func elementEquals(_ element: JSONValue, _ wanted: JSONValue) -> Bool {
        !element.isNull && ValueComparison.isEqual(element, wanted, as: type?.elementType)
    }

    /// The text a pattern sees: strings as they are, numbers canonical, booleans `true`/`false`; arrays and
    /// objects have none (UNKNOWN).
    private func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let string): string
        case .number(let number): number.canonical
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }
}
