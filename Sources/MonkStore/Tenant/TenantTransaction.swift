import Foundation
import GRDB
import MonkCore

/// One transaction on a tenant file, handed to the closures of ``TenantStore/read(_:)`` and
/// ``TenantStore/write(_:)``.
///
/// Its methods speak in records and models, never in SQL, so controllers and the bulk engine stay free of it.
/// It is valid only inside the closure that received it.
package struct TenantTransaction {
    let db: Database
    /// The tenant this transaction belongs to.
    package let tenant: TenantInfo
    /// Read transactions: the tenant's model cache and its generation when the transaction began.
    let modelCache: (cache: ModelCache, generation: Int)?

    init(db: Database, tenant: TenantInfo, modelCache: (cache: ModelCache, generation: Int)? = nil) {
        self.db = db
        self.tenant = tenant
        self.modelCache = modelCache
    }

    // MARK: Records

    /// The record `id` of `model`, or `nil` when there is none in `scope`.
    package func record(id: String, in model: String, scope: TrashedScope = .exclude) throws -> StoredRecord? {
        let sql = "SELECT * FROM \(TenantSchema.quoted(model)) WHERE id = ?" + RecordRows.trashedClause(scope)
        return try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [id]).map(RecordRows.record)
    }

    /// Inserts a new record.
    ///
    /// - Throws: `StoreError` `RECORD_EXISTS` (`data.id`) when a live or trashed row has its id.
    package func insert(_ record: StoredRecord, into model: String) throws {
        let statement = try db.cachedStatement(sql: RecordRows.insertSQL(into: model))
        try RecordRows.insertNew(record, with: statement, model: model)
    }

    /// Overwrites every column of an existing record (matched by id).
    package func replace(_ record: StoredRecord, in model: String) throws {
        var arguments = RecordRows.arguments(record)
        arguments += [record.id]
        let statement = try db.cachedStatement(
            sql: """
                UPDATE \(TenantSchema.quoted(model)) SET id = ?, data = ?, hash = ?, created_at = ?, updated_at = ?,
                    trashed_at = ?, deleted_at = ?, access_read = ?, access_edit = ?, access_full = ?, access_deny = ?
                WHERE id = ?
                """
        )
        try statement.execute(arguments: arguments)
    }

    /// Physically removes a record (a purge, API.md §7.1); returns whether a row was removed.
    @discardableResult
    package func remove(id: String, from model: String) throws -> Bool {
        try db.execute(sql: "DELETE FROM \(TenantSchema.quoted(model)) WHERE id = ?", arguments: [id])
        return db.changesCount > 0
    }

    /// The records `query` selects, in its order.
    package func records(in model: String, query: RecordQuery) throws -> [StoredRecord] {
        let (sql, arguments) = query.selectSQL(model: model)
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(RecordRows.record)
    }

    /// Calls `body` with each record `query` selects, in order, without holding them all in memory.
    package func forEachRecord(in model: String, query: RecordQuery, _ body: (StoredRecord) throws -> Void) throws {
        let (sql, arguments) = query.selectSQL(model: model)
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() { try body(RecordRows.record(row)) }
    }

    /// The number of records matching `query`'s filter and trash scope, ignoring its limit, offset and `after`.
    package func count(in model: String, query: RecordQuery) throws -> Int {
        let (sql, arguments) = query.countSQL(model: model)
        return try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
    }

    // MARK: Nesting

    /// Runs `work` inside a savepoint: its changes are kept when it returns and undone when it throws, while the
    /// enclosing transaction goes on (bulk `continueOnError` and `atomic: false`, API.md §6.4).
    package func savepoint<T>(_ work: () throws -> T) throws -> T {
        var result: T?
        try db.inSavepoint {
            result = try work()
            return .commit
        }
        guard let result else { throw StoreError(code: "INTERNAL_ERROR", message: "savepoint produced no result") }
        return result
    }
}
