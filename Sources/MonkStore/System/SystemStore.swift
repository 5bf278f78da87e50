import Foundation
import GRDB
import MonkCore

/// One registered tenant, as `system.sqlite` knows it.
package struct TenantInfo: Sendable, Equatable {
    /// The tenant's id (`tenant_id` in tokens), a lowercase UUID.
    package var id: String
    /// The tenant's name (`tenant` in tokens and login bodies).
    package var name: String
    /// When the tenant was registered, as an API timestamp.
    package var createdAt: String

    package init(id: String, name: String, createdAt: String) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}

/// The server-wide store `system.sqlite`: the tenant registry and password hashes (DESIGN.md §11).
///
/// Credentials live here rather than in the tenant files so that a snapshot of a tenant never carries them.
/// All methods use GRDB's async API, so SQLite work never blocks Swift's cooperative threads.
package final class SystemStore: Sendable {
    private let pool: DatabasePool
    /// The data directory holding `system.sqlite` and `tenants/`.
    package let dataDirectory: String

    private init(pool: DatabasePool, dataDirectory: String) {
        self.pool = pool
        self.dataDirectory = dataDirectory
    }

    /// Opens (creating when missing) the data directory, `tenants/` inside it and `system.sqlite`.
    ///
    /// - Throws: `StoreError` `DATABASE_UNAVAILABLE` when the directory cannot be created or the file opened.
    package static func open(dataDirectory: String) async throws -> SystemStore {
        let tenants = (dataDirectory as NSString).appendingPathComponent("tenants")
        do {
            try FileManager.default.createDirectory(atPath: tenants, withIntermediateDirectories: true)
            let path = (dataDirectory as NSString).appendingPathComponent("system.sqlite")
            let pool = try await DatabaseOpener.openPool(at: path)
            try await pool.write { db in try SystemStore.migrate(db) }
            return SystemStore(pool: pool, dataDirectory: dataDirectory)
        } catch {
            throw StoreError(
                code: "DATABASE_UNAVAILABLE",
                message: "cannot open the data directory \(dataDirectory): \(error)"
            )
        }
    }

    private static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS tenants (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS credentials (
                    tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
                    user_id TEXT NOT NULL, password_hash TEXT NOT NULL,
                    PRIMARY KEY (tenant_id, user_id));
                """
        )
    }

    /// The path of a tenant's SQLite file: `<data dir>/tenants/<name>.sqlite`.
    package func tenantFilePath(name: String) -> String {
        (dataDirectory as NSString).appendingPathComponent("tenants/\(name).sqlite")
    }

    /// The tenant called `name`, or `nil`.
    package func tenant(named name: String) async throws -> TenantInfo? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT id, name, created_at FROM tenants WHERE name = ?", arguments: [name])
                .map(SystemStore.tenantInfo)
        }
    }

    /// The tenant whose id is `id`, or `nil`.
    package func tenant(id: String) async throws -> TenantInfo? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT id, name, created_at FROM tenants WHERE id = ?", arguments: [id])
                .map(SystemStore.tenantInfo)
        }
    }

    /// Every registered tenant, oldest first (for personal servers' `GET /auth/tenants`).
    package func allTenants() async throws -> [TenantInfo] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, created_at FROM tenants ORDER BY created_at, name")
                .map(SystemStore.tenantInfo)
        }
    }

    /// Registers `tenant` together with its owner's password hash, in one transaction.
    ///
    /// - Throws: `StoreError` `DATABASE_TENANT_EXISTS` when the name is taken.
    package func addTenant(_ tenant: TenantInfo, ownerID: String, passwordHash: String) async throws {
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM tenants WHERE name = ?", arguments: [tenant.name]) != nil {
                throw StoreError(
                    code: "DATABASE_TENANT_EXISTS",
                    message: "tenant '\(tenant.name)' already exists",
                    details: ["tenant": .string(tenant.name)]
                )
            }
            try db.execute(
                sql: "INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)",
                arguments: [tenant.id, tenant.name, tenant.createdAt]
            )
            try db.execute(
                sql: "INSERT INTO credentials (tenant_id, user_id, password_hash) VALUES (?, ?, ?)",
                arguments: [tenant.id, ownerID, passwordHash]
            )
        }
    }

    /// Sets (or with `nil`, removes) a user's password hash.
    package func setPasswordHash(_ hash: String?, tenantID: String, userID: String) async throws {
        try await pool.write { db in
            if let hash {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO credentials (tenant_id, user_id, password_hash) VALUES (?, ?, ?)",
                    arguments: [tenantID, userID, hash]
                )
            } else {
                try db.execute(
                    sql: "DELETE FROM credentials WHERE tenant_id = ? AND user_id = ?",
                    arguments: [tenantID, userID]
                )
            }
        }
    }

    /// A user's bcrypt password hash, or `nil` when the user has no password.
    package func passwordHash(tenantID: String, userID: String) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(
                db,
                sql: "SELECT password_hash FROM credentials WHERE tenant_id = ? AND user_id = ?",
                arguments: [tenantID, userID]
            )
        }
    }

    /// Whether the store answers a trivial query (for `GET /health`).
    package func isReachable() async -> Bool {
        do {
            return try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") } == 1
        } catch {
            return false
        }
    }

    /// Closes the store's connections; later calls fail.
    package func close() async {
        await DatabaseOpener.close(pool)
    }

    private static func tenantInfo(_ row: Row) -> TenantInfo {
        TenantInfo(id: row["id"], name: row["name"], createdAt: row["created_at"])
    }
}
