import Foundation
import GRDB
import MonkCore
import Synchronization

/// The open stores of one data directory: `system.sqlite` and each tenant's file, opened on first use and kept.
///
/// ```swift
/// let registry = try await TenantRegistry.open(dataDirectory: ".monk-data")
/// let store = try await registry.store(forTenantID: claims.tenantID)   // nil once the tenant is gone
/// ```
package final class TenantRegistry: Sendable {
    /// The server-wide store.
    package let system: SystemStore
    private let open: Mutex<[String: TenantStore]> = Mutex([:])
    /// Names being registered right now, so two registrations of one name never share a file.
    private let registering: Mutex<Set<String>> = Mutex([])

    private init(system: SystemStore) {
        self.system = system
    }

    /// Opens the data directory (creating it when missing).
    ///
    /// - Throws: `StoreError` `DATABASE_UNAVAILABLE` when it cannot be opened.
    package static func open(dataDirectory: String) async throws -> TenantRegistry {
        TenantRegistry(system: try await SystemStore.open(dataDirectory: dataDirectory))
    }

    /// The store of the tenant whose id is `id`, or `nil` when no such tenant is registered.
    package func store(forTenantID id: String) async throws -> TenantStore? {
        if let store = open.withLock({ $0[id] }) { return store }
        guard let tenant = try await system.tenant(id: id) else { return nil }
        return try await openStore(for: tenant)
    }

    /// The store of the tenant called `name`, or `nil`.
    package func store(forTenantNamed name: String) async throws -> TenantStore? {
        guard let tenant = try await system.tenant(named: name) else { return nil }
        return try await store(forTenantID: tenant.id)
    }

    private func openStore(for tenant: TenantInfo) async throws -> TenantStore {
        let path = system.tenantFilePath(name: tenant.name)
        let store = try await StoreErrorMapping.mapping {
            try await TenantStore.open(tenant: tenant, path: path, now: Timestamps.now())
        }
        return open.withLock { stores in
            if let existing = stores[tenant.id] { return existing }
            stores[tenant.id] = store
            return store
        }
    }

    /// Creates a tenant: a fresh file set up by `provision` (fixtures and the owner user, in one transaction),
    /// then the registry row and the owner's password hash. On any failure nothing of the tenant remains.
    ///
    /// - Parameters:
    ///   - name: A validated tenant name.
    ///   - ownerID: The owner user's id.
    ///   - passwordHash: The owner's bcrypt hash.
    ///   - provision: Fills the new tenant; runs inside one write transaction.
    /// - Throws: `StoreError` `DATABASE_TENANT_EXISTS`, or whatever `provision` throws.
    package func register(
        name: String,
        ownerID: String,
        passwordHash: String,
        provision: @Sendable (TenantTransaction) throws -> Void
    ) async throws -> TenantInfo {
        let claimed = registering.withLock { $0.insert(name).inserted }
        guard claimed, try await system.tenant(named: name) == nil else {
            if claimed { _ = registering.withLock { $0.remove(name) } }
            throw StoreError(
                code: "DATABASE_TENANT_EXISTS",
                message: "tenant '\(name)' already exists",
                details: ["tenant": .string(name)]
            )
        }
        defer { _ = registering.withLock { $0.remove(name) } }
        let tenant = TenantInfo(id: UUIDs.random(), name: name, createdAt: Timestamps.now())
        let path = system.tenantFilePath(name: name)
        removeFiles(at: path)  // a leftover of a crashed registration
        let store = try await TenantStore.open(tenant: tenant, path: path, now: tenant.createdAt)
        do {
            try await store.write { tx in try provision(tx) }
            try await system.addTenant(tenant, ownerID: ownerID, passwordHash: passwordHash)
        } catch {
            await store.close()
            removeFiles(at: path)
            throw error
        }
        open.withLock { $0[tenant.id] = store }
        return tenant
    }

    /// Closes every open store (graceful shutdown).
    package func close() async {
        let stores = open.withLock { stores in
            defer { stores.removeAll() }
            return Array(stores.values)
        }
        for store in stores { await store.close() }
        await system.close()
    }

    private func removeFiles(at path: String) {
        for suffix in ["", "-wal", "-shm"] {
            // Missing files are the normal case; anything else surfaces when the file is opened again.
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
