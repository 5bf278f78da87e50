import Foundation
import GRDB
import MonkCore

/// Conversion between model table rows and ``StoredRecord``.
enum RecordRows {
    /// A row selected with `*` → record.
    static func record(_ row: Row) -> StoredRecord {
        let data: String = row["data"]
        return StoredRecord(
            id: row["id"],
            data: Array(data.utf8),
            hash: (row["hash"] as Data?).map { Array($0) } ?? [],
            createdAt: row["created_at"],
            updatedAt: row["updated_at"],
            trashedAt: row["trashed_at"],
            deletedAt: row["deleted_at"],
            access: AccessLists(
                read: ids(row["access_read"]),
                edit: ids(row["access_edit"]),
                full: ids(row["access_full"]),
                deny: ids(row["access_deny"])
            )
        )
    }

    /// The values of `INSERT … (id, data, hash, created_at, updated_at, trashed_at, deleted_at, access_read,
    /// access_edit, access_full, access_deny)`.
    static func arguments(_ record: StoredRecord) -> StatementArguments {
        [
            record.id, String(decoding: record.data, as: UTF8.self), Data(record.hash), record.createdAt,
            record.updatedAt,
            record.trashedAt, record.deletedAt, text(record.access.read), text(record.access.edit),
            text(record.access.full), text(record.access.deny),
        ]
    }

    /// ` AND trashed_at IS [NOT] NULL` for a scope (empty for `.include`).
    static func trashedClause(_ scope: TrashedScope) -> String {
        switch scope {
        case .exclude: " AND trashed_at IS NULL"
        case .include: ""
        case .only: " AND trashed_at IS NOT NULL"
        }
    }

    /// An id list as the JSON array text stored in an `access_*` column. Ids are UUIDs, so no escaping is needed.
    static func text(_ ids: [String]) -> String {
        "[" + ids.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }

    /// The ids in an `access_*` column (a JSON array of UUID strings).
    static func ids(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.split(whereSeparator: { "[],\" ".contains($0) }).map(String.init)
    }
}
