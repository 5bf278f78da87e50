import GRDB
import MonkCore

/// Compiles a find `where` (API.md §3.2–§3.3) into SQL over a model table.
///
/// MonkCore parses the DSL into a ``WhereExpression`` (with the model's field types, so operands arrive in wire
/// form); this type only translates it. Own fields are read with `data -> '$.f'` (JSON text) or `data ->> '$.f'`
/// (SQL value); numbers and booleans compare through `monk_cmp` (exact decimals), text, uuids and timestamps by
/// their bytes (code point order), and LIKE, regex, case folding and array tests through monk's SQL functions,
/// which call the same MonkCore code as the local evaluator. NULL follows SQL three-valued logic.
package enum WhereCompiler {
    /// The SQL condition for a parsed `where` on `model`.
    package static func compile(_ expression: WhereExpression, model: ModelInfo) -> SQLCondition {
        var compiler = Compiler(types: model.definition.fieldTypes)
        let sql = compiler.sql(expression)
        return SQLCondition(sql: sql, arguments: compiler.arguments)
    }

    /// Walks the expression, building SQL text and collecting bound values in order.
    private struct Compiler {
        let types: [String: FieldType]
        var arguments: [DatabaseValue] = []

        mutating func sql(_ expression: WhereExpression) -> String {
            switch expression {
            case .and(let items):
                return items.isEmpty ? "1" : "(" + items.map { sql($0) }.joined(separator: " AND ") + ")"
            case .or(let items):
                return items.isEmpty ? "0" : "(" + items.map { sql($0) }.joined(separator: " OR ") + ")"
            case .not(let inner):
                return "(NOT \(sql(inner)))"
            case .field(let name, let predicate):
                return field(name, predicate)
            }
        }

        private mutating func bind(_ value: any DatabaseValueConvertible) -> String {
            arguments.append(value.databaseValue)
            return "?"
        }

        /// The field as JSON text (`NULL` when missing; `'null'` for JSON null, which `monk_*` treat as NULL).
        private func json(_ name: String) -> String {
            switch name {
            case "id", "created_at", "updated_at", "trashed_at", "deleted_at":
                "(CASE WHEN \(name) IS NULL THEN NULL ELSE json_quote(\(name)) END)"
            case "access_read", "access_edit", "access_full", "access_deny": name
            default: "(data -> \(FieldPaths.jsonPath(name)))"
            }
        }

        /// The field as an SQL value (`NULL` for missing or JSON null).
        private func value(_ name: String) -> String {
            if let column = FieldPaths.systemColumn(name) { return column }
            if name.hasPrefix("access_") { return name }
            return "(data ->> \(FieldPaths.jsonPath(name)))"
        }

        /// Whether values of the field compare correctly as SQL text (byte order = code point order).
        private func comparesAsText(_ name: String) -> Bool {
            if FieldPaths.systemColumn(name) != nil { return true }
            switch types[name] {
            case .text?, .uuid?, .timestamp?, .date?: return true
            default: return false
            }
        }

        private mutating func compare(_ name: String, _ op: ComparisonOperator, _ operand: JSONValue) -> String {
            if comparesAsText(name), case .string(let text) = operand {
                return "\(value(name)) \(op.sql) \(bind(text))"
            }
            return "monk_cmp(\(json(name)), \(bind(operand.canonicalString))) \(op.sql) 0"
        }

        private mutating func field(_ name: String, _ predicate: FieldPredicate) -> String {
            switch predicate {
            case .isNull: return "\(value(name)) IS NULL"
            case .isNotNull: return "\(value(name)) IS NOT NULL"
            case .compare(let op, let operand): return compare(name, op, operand)
            case .between(let low, let high):
                return "(\(compare(name, .greaterThanOrEqual, low)) AND \(compare(name, .lessThanOrEqual, high)))"
            case .in(let values):
                if values.isEmpty { return "0" }
                return membership(name, values)
            case .notIn(let values):
                if values.isEmpty { return "1" }
                return "(NOT \(membership(name, values)))"
            case .like(let pattern, let negated):
                let call = "monk_like(\(value(name)), \(bind(pattern.source)), \(pattern.isCaseInsensitive ? 1 : 0))"
                return negated ? "(NOT \(call))" : call
            case .regex(let pattern, let negated):
                let call = "monk_regex(\(value(name)), \(bind(pattern.source)))"
                return negated ? "(NOT \(call))" : call
            case .containsText(let text): return "monk_contains(\(value(name)), \(bind(text)))"
            case .search(let text): return "monk_search(\(value(name)), \(bind(text)))"
            case .anyOf(let values, let negated):
                let call = "monk_any(\(json(name)), \(bind(JSONValue.array(values).canonicalString)))"
                return negated ? "(NOT \(call))" : call
            case .allOf(let values, let negated):
                let call = "monk_all(\(json(name)), \(bind(JSONValue.array(values).canonicalString)))"
                return negated ? "(NOT \(call))" : call
            case .size(let op, let size): return "monk_size(\(json(name))) \(op.sql) \(bind(size))"
            }
        }

        /// `$in` of any length. Text lists (ids, names, timestamps) bind as one JSON array read by `json_each`,
        /// so a sync that asks for thousands of ids uses the index and stays under SQLite's limits on bound
        /// variables and expression depth; other lists become equalities joined in a balanced `OR` tree.
        /// A `null` element never matches and leaves a miss UNKNOWN, as SQL's `IN` does.
        private mutating func membership(_ name: String, _ values: [JSONValue]) -> String {
            let isText = values.allSatisfy { value in
                if case .string = value { return true }
                return value.isNull
            }
            if comparesAsText(name) && isText {
                let list = bind(JSONValue.array(values).canonicalString)
                return "(\(value(name)) IN (SELECT value FROM json_each(\(list))))"
            }
            return balancedOr(values.map { inEquality(name, $0) }[...])
        }

        /// `terms` joined by `OR` as a balanced tree, so the expression depth grows with log2 of the count.
        private func balancedOr(_ terms: ArraySlice<String>) -> String {
            if terms.count == 1, let only = terms.first { return "(\(only))" }
            let middle = terms.startIndex + terms.count / 2
            return "(\(balancedOr(terms[..<middle])) OR \(balancedOr(terms[middle...])))"
        }

        /// One `IN` element: a `null` element never matches and leaves the result UNKNOWN, as in SQL.
        private mutating func inEquality(_ name: String, _ operand: JSONValue) -> String {
            operand.isNull ? "NULL" : compare(name, .equal, operand)
        }
    }
}
