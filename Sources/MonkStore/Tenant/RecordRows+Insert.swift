import GRDB
import GRDBSQLite
import MonkCore

/// The insert of a record with SQLite's C API: the bulk create path binds eleven values per record, and
/// GRDB's argument arrays cost more than the insert itself.
extension RecordRows {
    /// The insert that ``insert(_:with:)`` binds, for `model`'s table: the statement of
    /// ``TenantTransaction/insert(_:into:)``.
    static func insertSQL(into model: String) -> String {
        """
        INSERT INTO \(TenantSchema.quoted(model)) (id, data, hash, created_at, updated_at, trashed_at,
            deleted_at, access_read, access_edit, access_full, access_deny)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    }

    /// ``insert(_:with:)`` of a new record into `model`: a taken id is `StoreError` `RECORD_EXISTS`. The
    /// primary key rejects it, and a failed statement leaves the transaction intact.
    static func insertNew(_ record: StoredRecord, with statement: Statement, model: String) throws {
        do {
            try insert(record, with: statement)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
            throw StoreError(
                code: "RECORD_EXISTS",
                message: "a record with id \(record.id) already exists in \(model)",
                details: ["id": .string(record.id)]
            )
        }
    }

    /// Binds `record` to the prepared `INSERT … VALUES (?, …)` of ``TenantTransaction/insert(_:into:)`` (columns
    /// in ``arguments(_:)``'s order) and runs it.
    ///
    /// - Throws: `DatabaseError` with SQLite's code (a taken id: `SQLITE_CONSTRAINT_PRIMARYKEY`).
    static func insert(_ record: StoredRecord, with statement: Statement) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        defer { sqlite3_reset(handle) }
        bind(record.id, to: 1, of: handle)
        record.data.withUnsafeBytes { bytes in
            _ = sqlite3_bind_text(handle, 2, bytes.baseAddress, Int32(bytes.count), transient)
        }
        record.hash.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, 3, bytes.baseAddress, Int32(bytes.count), transient)
        }
        bind(record.createdAt, to: 4, of: handle)
        bind(record.updatedAt, to: 5, of: handle)
        if let trashedAt = record.trashedAt { bind(trashedAt, to: 6, of: handle) }
        if let deletedAt = record.deletedAt { bind(deletedAt, to: 7, of: handle) }
        bind(record.access.read, to: 8, of: handle)
        bind(record.access.edit, to: 9, of: handle)
        bind(record.access.full, to: 10, of: handle)
        bind(record.access.deny, to: 11, of: handle)
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

    /// Binds `text` to parameter `index`; SQLite copies it.
    private static func bind(_ text: String, to index: Int32, of handle: OpaquePointer?) {
        var text = text
        text.withUTF8 { bytes in
            _ = sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), transient)
        }
    }

    /// Binds an ACL list as its JSON array text. Nearly every record has no ACL, so an empty list binds the
    /// static literal `[]` (SQLite reads it without a copy) instead of building the text.
    private static func bind(_ ids: [String], to index: Int32, of handle: OpaquePointer?) {
        guard ids.isEmpty else { return bind(text(ids), to: index, of: handle) }
        let empty: StaticString = "[]"
        let pointer = UnsafeRawPointer(empty.utf8Start).assumingMemoryBound(to: CChar.self)
        _ = sqlite3_bind_text(handle, index, pointer, 2, nil)
    }

    /// `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
