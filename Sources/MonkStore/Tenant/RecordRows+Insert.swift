import GRDB
import GRDBSQLite

/// The insert of a record with SQLite's C API: the bulk create path binds eleven values per record, and
/// GRDB's argument arrays cost more than the insert itself.
extension RecordRows {
    /// Binds `record` to the prepared `INSERT … VALUES (?, …)` of ``TenantTransaction/insert(_:into:)`` (columns
    /// in ``arguments(_:)``'s order) and runs it.
    ///
    /// - Throws: `DatabaseError` with SQLite's code (a taken id: `SQLITE_CONSTRAINT_PRIMARYKEY`).
    static func insert(_ record: StoredRecord, with statement: Statement) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        defer { sqlite3_reset(handle) }
        let texts: [String?] = [
            record.id, nil, nil, record.createdAt, record.updatedAt, record.trashedAt, record.deletedAt,
            text(record.access.read), text(record.access.edit), text(record.access.full), text(record.access.deny),
        ]
        for (index, value) in texts.enumerated() where index != 1 && index != 2 {
            guard var value else { continue }
            value.withUTF8 { bytes in
                _ = sqlite3_bind_text(handle, Int32(index + 1), bytes.baseAddress, Int32(bytes.count), transient)
            }
        }
        record.data.withUnsafeBytes { bytes in
            _ = sqlite3_bind_text(handle, 2, bytes.baseAddress, Int32(bytes.count), transient)
        }
        record.hash.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, 3, bytes.baseAddress, Int32(bytes.count), transient)
        }
        let status = sqlite3_step(handle)
        guard status == SQLITE_DONE else {
            let connection = sqlite3_db_handle(handle)
            throw DatabaseError(
                resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
                message: String(cString: sqlite3_errmsg(connection)),
                sql: statement.sql
            )
        }
    }

    /// `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
