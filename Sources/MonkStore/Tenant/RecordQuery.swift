import GRDB
import MonkCore

/// A compiled SQL condition over a model table, with its bound values.
package struct SQLCondition: Sendable {
    /// SQL text with `?` placeholders.
    let sql: String
    /// Values bound to the placeholders, in order.
    let arguments: [DatabaseValue]

    /// The condition that matches every row.
    package static let all = SQLCondition(sql: "1", arguments: [])

    init(sql: String, arguments: [DatabaseValue]) {
        self.sql = sql
        self.arguments = arguments
    }
}

/// One sort key: a field (own or system) and a direction.
package struct SortKey: Sendable, Equatable {
    package var field: String
    package var isDescending: Bool

    package init(field: String, isDescending: Bool) {
        self.field = field
        self.isDescending = isDescending
    }
}

/// What a read selects from one model table: filter, trash scope, order and page (API.md §2.6, §3.1).
package struct RecordQuery: Sendable {
    package var condition: SQLCondition = .all
    package var trashed: TrashedScope = .exclude
    /// Sort keys; `id asc` is appended as the tie-breaker unless `id` is already a key (API.md §3.4).
    package var order: [SortKey] = []
    package var limit: Int?
    package var offset: Int?
    /// Keyset: only ids strictly greater.
    package var after: String?
    /// Half-open id range `from < id <= to` (sync ranges, API.md §8); `nil` is unbounded.
    package var idFrom: String?
    package var idTo: String?

    package init() {}

    /// `SELECT <columns> FROM model WHERE … ORDER BY … LIMIT … OFFSET …`.
    func selectSQL(model: String, columns: String = "*") -> (String, StatementArguments) {
        var (whereSQL, values) = whereClause(includingPage: true)
        var sql = "SELECT \(columns) FROM \(TenantSchema.quoted(model)) WHERE \(whereSQL)"
        sql += " ORDER BY " + orderTerms().joined(separator: ", ")
        if limit != nil || offset != nil {
            sql += " LIMIT ? OFFSET ?"
            values.append((limit ?? -1).databaseValue)
            values.append((offset ?? 0).databaseValue)
        }
        return (sql, StatementArguments(values))
    }

    /// `SELECT count(*) …` with the filter, scope and id range, ignoring page keys.
    func countSQL(model: String) -> (String, StatementArguments) {
        let (whereSQL, values) = whereClause(includingPage: false)
        return ("SELECT count(*) FROM \(TenantSchema.quoted(model)) WHERE \(whereSQL)", StatementArguments(values))
    }

    private func whereClause(includingPage: Bool) -> (String, [DatabaseValue]) {
        var sql = "(\(condition.sql))" + RecordRows.trashedClause(trashed)
        var values = condition.arguments
        if let idFrom {
            sql += " AND id > ?"
            values.append(idFrom.databaseValue)
        }
        if let idTo {
            sql += " AND id <= ?"
            values.append(idTo.databaseValue)
        }
        if includingPage, let after {
            sql += " AND id > ?"
            values.append(after.databaseValue)
        }
        return (sql, values)
    }

    /// ORDER BY terms: NULLs last ascending and first descending (PostgreSQL's default, API.md §3.3), values
    /// compared by the `MONK_JSON` collation (exact numbers, code point text).
    private func orderTerms() -> [String] {
        var terms: [String] = []
        for key in order {
            let direction = key.isDescending ? "DESC" : "ASC"
            if let column = FieldPaths.systemColumn(key.field) {
                // `id`, `created_at` and `updated_at` are never NULL; an `IS NULL` term on them would only keep
                // SQLite from walking the primary-key index, turning each `order=id` page into a full sort.
                if !FieldPaths.notNullColumns.contains(column) {
                    terms.append("\(column) IS NULL \(key.isDescending ? "DESC" : "ASC")")
                }
                terms.append("\(column) \(direction)")
            } else {
                let path = FieldPaths.jsonPath(key.field)
                terms.append("(data ->> \(path)) IS NULL \(key.isDescending ? "DESC" : "ASC")")
                terms.append("(data -> \(path)) COLLATE MONK_JSON \(direction)")
            }
        }
        if !order.contains(where: { $0.field == "id" }) { terms.append("id ASC") }
        return terms
    }
}

/// Where a field lives in a model table row.
enum FieldPaths {
    /// System columns that every row fills (the schema declares them `NOT NULL` or the primary key).
    static let notNullColumns: Set<String> = ["id", "created_at", "updated_at"]

    /// The column of a system field (`id`, timestamps), or `nil` for a field stored inside `data`.
    static func systemColumn(_ field: String) -> String? {
        switch field {
        case "id", "created_at", "updated_at", "trashed_at", "deleted_at": field
        default: nil
        }
    }

    /// The SQL string literal of a JSON path to a top-level field: `'$."name"'`. Field names are validated
    /// identifiers, so no quote can appear inside.
    static func jsonPath(_ field: String) -> String {
        "'$.\"\(field)\"'"
    }
}

extension SQLCondition {
    /// Both conditions.
    package func and(_ other: SQLCondition) -> SQLCondition {
        if sql == "1" { return other }
        if other.sql == "1" { return self }
        return SQLCondition(sql: "(\(sql)) AND (\(other.sql))", arguments: arguments + other.arguments)
    }
}
