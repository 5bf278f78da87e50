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
}
