import Foundation
import GRDB
import MonkCore

/// DDL of a tenant file: the bootstrap tables and one table plus one typed view per model (DESIGN.md §10).
package enum TenantSchema {
    /// The tenant file format version written to `_monk_meta`.
    static let formatVersion = 1

    /// The system columns every model table has after `id`, `data` and `hash`.
    static let columns = """
        id TEXT PRIMARY KEY, data TEXT NOT NULL, hash BLOB NOT NULL,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, trashed_at TEXT, deleted_at TEXT,
        access_read TEXT NOT NULL DEFAULT '[]', access_edit TEXT NOT NULL DEFAULT '[]',
        access_full TEXT NOT NULL DEFAULT '[]', access_deny TEXT NOT NULL DEFAULT '[]'
        """

    /// Creates `_monk_meta`, `models` and `fields` when missing. `models` and `fields` are model tables like any
    /// other (their `data` is the model or field object), so snapshots and the Data API read them uniformly.
    static func bootstrap(_ db: Database, tenant: TenantInfo, now: String) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS _monk_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT OR IGNORE INTO _monk_meta (key, value) VALUES
                    ('format_version', '\(formatVersion)'), ('tenant', ?), ('tenant_id', ?), ('created_at', ?);
                CREATE TABLE IF NOT EXISTS models (\(columns));
                CREATE UNIQUE INDEX IF NOT EXISTS models_model_name ON models (data ->> '$.model_name');
                CREATE TABLE IF NOT EXISTS fields (\(columns));
                CREATE UNIQUE INDEX IF NOT EXISTS fields_model_field
                    ON fields (data ->> '$.model_name', data ->> '$.field_name');
                """,
            arguments: [tenant.name, tenant.id, now]
        )
    }

    /// Creates the table of a new model (``createModelTableSQL(model:)``).
    static func createModelTable(_ db: Database, model: String) throws {
        try db.execute(sql: createModelTableSQL(model: model))
    }

    /// The `CREATE TABLE` of a new model: the §10 columns in a `WITHOUT ROWID` table, clustered on `id`.
    ///
    /// Reads walk records in id order (streams, keyset pages, sync ranges), so keeping the rows themselves in
    /// id order turns a stream into a sequential scan instead of one primary-key lookup per row, and a lookup
    /// by id reads one b-tree instead of two. Files written by older builds have rowid tables; every query
    /// works on both kinds, and a new model in such a file gets the new kind.
    package static func createModelTableSQL(model: String) -> String {
        "CREATE TABLE \(quoted(model)) (\(columns)) WITHOUT ROWID"
    }

    /// Drops a model's table and view (permanent model delete).
    static func dropModelTable(_ db: Database, model: String) throws {
        try db.execute(sql: "DROP VIEW IF EXISTS \(quoted(model + "_view"))")
        try db.execute(sql: "DROP TABLE IF EXISTS \(quoted(model))")
    }

    /// Re-creates `<model>_view` with one typed column per field, for people reading the file with `sqlite3`.
    ///
    /// - Parameter fields: `(name, type)` pairs in the order the view lists them.
    static func refreshView(_ db: Database, model: String, fields: [(name: String, type: String)]) throws {
        var selections = ["id"]
        for field in fields where field.name != "id" {
            let path = "'$.\(field.name)'"
            let expression: String
            switch field.type {
            case "integer": expression = "CAST(data ->> \(path) AS INTEGER)"
            case "boolean": expression = "data ->> \(path)"
            case "decimal":
                // Decimals stay JSON text so no digit is lost to REAL.
                expression = "data -> \(path)"
            case "jsonb", "text[]", "integer[]", "decimal[]", "uuid[]": expression = "data -> \(path)"
            default: expression = "data ->> \(path)"
            }
            selections.append("\(expression) AS \(quoted(field.name))")
        }
        selections += ["created_at", "updated_at", "trashed_at", "deleted_at"]
        selections += ["access_read", "access_edit", "access_full", "access_deny"]
        try db.execute(sql: "DROP VIEW IF EXISTS \(quoted(model + "_view"))")
        try db.execute(
            sql:
                "CREATE VIEW \(quoted(model + "_view")) AS SELECT \(selections.joined(separator: ", ")) FROM \(quoted(model))"
        )
    }

    /// An SQL identifier in double quotes. Model and field names are validated (`^[a-z_][a-z0-9_]*$`) before
    /// they get here; quoting keeps reserved words harmless anyway.
    static func quoted(_ identifier: String) -> String {
        // Every write builds its statement's SQL with this, so the usual case (no quote) skips Foundation.
        guard identifier.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + identifier + "\"" }
        return "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
