import GRDB
import MonkCore

/// Lookups of the `users` system model (API.md §1.8), used by login and by every authenticated request.
extension TenantTransaction {
    /// The live user whose `auth` (login name) is `username`, or `nil`.
    package func user(named username: String) throws -> StoredRecord? {
        guard try model(named: "users") != nil else { return nil }
        return try Row.fetchOne(
            db,
            sql: "SELECT * FROM users WHERE data ->> '$.auth' = ? AND trashed_at IS NULL",
            arguments: [username]
        ).map(RecordRows.record)
    }

    /// The live user with id `id`, or `nil` (trashed or removed users are gone for authentication).
    package func user(id: String) throws -> StoredRecord? {
        guard try model(named: "users") != nil else { return nil }
        return try record(id: id, in: "users")
    }

    /// The login names of up to `limit` live users, oldest first (ties by id: model tables may have no rowid).
    package func usernames(limit: Int) throws -> [String] {
        guard try model(named: "users") != nil else { return [] }
        return try String.fetchAll(
            db,
            sql: """
                SELECT data ->> '$.auth' FROM users WHERE trashed_at IS NULL AND data ->> '$.auth' IS NOT NULL
                ORDER BY created_at, id LIMIT ?
                """,
            arguments: [limit]
        )
    }
}
