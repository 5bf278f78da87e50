import GRDB
import MonkCore

/// One tenant's SQLite file `tenants/<tenant>.sqlite` (DESIGN.md §10–§11).
///
/// Readers run concurrently on the WAL pool's reader connections; writers are serialized by its single writer
/// connection, so writes to one tenant never race and never see `SQLITE_BUSY` (other processes aside, which the
/// busy timeout covers). All access goes through ``read(_:)`` and ``write(_:)``, GRDB's async API, so SQLite
/// never blocks Swift's cooperative threads.
package final class TenantStore: Sendable {
    /// The tenant's name and id.
    package let tenant: TenantInfo
    private let pool: DatabasePool
    private let models = ModelCache()

    init(tenant: TenantInfo, pool: DatabasePool) {
        self.tenant = tenant
        self.pool = pool
    }

    /// Opens or creates the tenant file at `path` and brings its bootstrap schema up to date.
    static func open(tenant: TenantInfo, path: String, now: String) async throws -> TenantStore {
        let pool = try await DatabaseOpener.openPool(at: path)
        try await pool.write { db in try TenantSchema.bootstrap(db, tenant: tenant, now: now) }
        return TenantStore(tenant: tenant, pool: pool)
    }

    /// Runs `work` in a read-only transaction and returns its result.
    ///
    /// The ``TenantTransaction`` is valid only inside `work`; do not keep it.
    ///
    /// - Throws: the error `work` throws, a `StoreError`, or `CancellationError`.
    package func read<T: Sendable>(_ work: @Sendable (TenantTransaction) throws -> T) async throws -> T {
        try await StoreErrorMapping.mapping {
            let cache = (models, models.generation)
            return try await pool.read { db in try work(TenantTransaction(db: db, tenant: tenant, modelCache: cache)) }
        }
    }

    /// The live user `id` (as ``TenantTransaction/user(id:)`` reads it), served from memory until the next
    /// write to this tenant, so authenticating a request costs no read transaction while nothing changes. Every
    /// write goes through ``write(_:)``, so a demotion or removal is seen by the very next request.
    package func liveUser(id: String) async throws -> StoredRecord? {
        let generation = models.generation
        if let user = models.user(id: id, generation: generation) { return user }
        let user = try await read { tx in try tx.user(id: id) }
        if let user { models.keep(user: user, generation: generation) }
        return user
    }

    /// Runs `work` in one write transaction, committed when it returns and rolled back when it throws.
    ///
    /// ```swift
    /// let created = try await store.write { tx in try tx.insert(record, into: "account") }
    /// ```
    ///
    /// - Throws: the error `work` throws (after rolling back), a `StoreError`, or `CancellationError`.
    package func write<T: Sendable>(_ work: @Sendable (TenantTransaction) throws -> T) async throws -> T {
        try await StoreErrorMapping.mapping {
            defer { models.invalidate() }
            return try await pool.write { db in try work(TenantTransaction(db: db, tenant: tenant)) }
        }
    }

    /// Runs `work` in a write transaction and always rolls it back (dry runs), returning its result.
    package func writeAndRollBack<T: Sendable>(_ work: @Sendable (TenantTransaction) throws -> T) async throws -> T {
        try await StoreErrorMapping.mapping {
            defer { models.invalidate() }
            return try await pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction {
                    result = try work(TenantTransaction(db: db, tenant: tenant))
                    return .rollback
                }
                guard let result else {
                    throw StoreError(code: "INTERNAL_ERROR", message: "dry run produced no result")
                }
                return result
            }
        }
    }

    /// Closes the tenant's connections.
    func close() async {
        await DatabaseOpener.close(pool)
    }
}

/// Turns SQLite failures into the API's vocabulary, so `SQLITE_BUSY` and friends never reach a user raw.
enum StoreErrorMapping {
    static func mapping<T>(_ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                throw StoreError(code: "DATABASE_UNAVAILABLE", message: "the store is busy; retry shortly")
            case .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_PERM:
                // The file is damaged, missing or out of space: nothing the request can change.
                throw StoreError(code: "DATABASE_UNAVAILABLE", message: "the store cannot be read or written")
            case .SQLITE_CONSTRAINT:
                throw StoreError(code: "CONFLICT", message: "the change conflicts with existing data")
            default:
                throw StoreError(code: "INTERNAL_ERROR", message: "store failure (\(error.resultCode))")
            }
        }
    }
}
