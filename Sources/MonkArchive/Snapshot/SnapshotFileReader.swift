import Foundation
import GRDB
import MonkCore

/// Reads records out of a snapshot: the SQLite tenant file of `monk serve` (DESIGN.md §10–§11), opened
/// read-only.
///
/// Every call blocks on SQLite: run them off Swift's cooperative pool (STYLE.md §3.4).
///
/// ```swift
/// let snapshot = try SnapshotFileReader(path: "acme.sqlite")
/// try snapshot.models()                                        // ["account", "contact"]
/// let page = try snapshot.records(of: "account", after: nil, limit: 5_000)
/// ```
package final class SnapshotFileReader: Sendable {
    /// The file's path.
    package let path: String
    private let queue: DatabaseQueue

    /// Opens the file read-only and checks it is a tenant file (`_monk_meta` with `format_version` 1).
    ///
    /// - Throws: ``ArchiveError`` `.notFound` for a missing file, `.invalidData` for anything else.
    package init(path: String) throws(ArchiveError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ArchiveError(code: .notFound, message: "\(path): no such file or directory")
        }
        self.path = path
        var configuration = Configuration()
        configuration.readonly = true
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            let version = try queue.read { db in
                try String.fetchOne(db, sql: "SELECT value FROM _monk_meta WHERE key = 'format_version'")
            }
            guard version == "1" else {
                throw ArchiveError(
                    code: .invalidData,
                    message: "\(path): unsupported snapshot format \(version ?? "?")"
                )
            }
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw ArchiveError(code: .invalidData, message: "\(path): not a monk snapshot (SQLite tenant file)")
        }
    }

    /// The live models whose `status` is not `system`, sorted by UTF-8 bytes.
    ///
    /// - Throws: ``ArchiveError`` `.invalidData` when the file cannot be queried.
    package func models() throws(ArchiveError) -> [String] {
        let rows = try read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT data ->> '$.model_name' AS name, data ->> '$.status' AS status FROM models "
                    + "WHERE trashed_at IS NULL AND deleted_at IS NULL"
            )
        }
        let names = rows.compactMap { row -> String? in
            let status: String? = row["status"]
            return status == "system" ? nil : row["name"]
        }
        return names.sorted(by: JSONObject.precedes)
    }

    /// Whether the file has a table for `model`.
    package func hasModel(_ model: String) throws(ArchiveError) -> Bool {
        try read { db in try db.tableExists(model) }
    }

    /// Up to `limit` live records of `model` with ids after `after`, in id order, each as the JSON object
    /// text of the record with its system fields (the shape `monk serve` streams).
    ///
    /// - Throws: ``ArchiveError`` `.notFound` for a model without a table, `.invalidData` otherwise.
    package func records(of model: String, after: String?, limit: Int) throws(ArchiveError) -> [[UInt8]] {
        guard try hasModel(model) else {
            throw ArchiveError(code: .notFound, message: "\(path): the snapshot has no model '\(model)'")
        }
        let table = "\"" + model.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return try read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT data, created_at, updated_at, access_read, access_edit, access_full, access_deny "
                    + "FROM \(table) WHERE trashed_at IS NULL AND deleted_at IS NULL AND id > ? ORDER BY id LIMIT ?",
                arguments: [after ?? "", limit]
            )
            var lines: [[UInt8]] = []
            while let row = try rows.next() {
                var line = Array((row["data"] as String? ?? "{}").utf8)
                guard line.last == UInt8(ascii: "}") else {
                    lines.append(line)
                    continue
                }
                line.removeLast()
                var tail = ""
                for name in ["created_at", "updated_at"] {
                    let value: String? = row[name]
                    tail += ",\"\(name)\":" + (value.map { "\"\($0)\"" } ?? "null")
                }
                tail += ",\"trashed_at\":null,\"deleted_at\":null"
                for name in ["access_read", "access_edit", "access_full", "access_deny"] {
                    tail += ",\"\(name)\":" + (row[name] as String? ?? "[]")
                }
                line.append(contentsOf: tail.utf8)
                line.append(UInt8(ascii: "}"))
                lines.append(line)
            }
            return lines
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(ArchiveError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw ArchiveError(code: .invalidData, message: "\(path): cannot read the snapshot: \(error)")
        }
    }
}
