import Logging
import MonkCore
import MonkStore

/// Login details of one tenant `--demo` provisioned, for `monk serve --demo` to print.
package struct DemoCredential: Sendable, Equatable {
    package var tenant: String
    package var username: String
    package var password: String
    /// A fresh token for the user (7 days).
    package var token: String
}

/// Provisions the demo tenants `demo` and `staging` in the configured data directory.
///
/// Both start from the `demo` fixture (which brings `testing`); `staging` then differs a little, so that
/// `monk sync diff demo:account staging:account` (the README's tour) shows an insert, an update and a delete. Tenants that already exist are
/// kept as they are and only get a new root password. Run it before ``runServer(configuration:onListening:)``.
///
/// - Parameter password: The root password for both tenants; `nil` generates a random one.
/// - Returns: One credential per tenant, `demo` first.
/// - Throws: `StoreError` when the data directory cannot be opened; fixture errors (a bug).
package func provisionDemo(configuration: ServerConfiguration, password: String? = nil) async throws -> [DemoCredential]
{
    let registry = try await TenantRegistry.open(dataDirectory: configuration.dataDirectory)
    let state = try ServerState(configuration: configuration, registry: registry, logger: Logger(label: "monk.demo"))
    do {
        var credentials: [DemoCredential] = []
        for tenant in ["demo", "staging"] {
            credentials.append(try await DemoProvisioner(state: state).provision(tenant, password: password))
        }
        await registry.close()
        return credentials
    } catch {
        await registry.close()
        throw error
    }
}

/// Creates or refreshes one demo tenant.
struct DemoProvisioner {
    let state: ServerState

    func provision(_ tenant: String, password given: String?) async throws -> DemoCredential {
        let password = given ?? DemoProvisioner.randomPassword()
        let hash = try await state.hasher.hash(password)
        let auth = AuthController(state: state)
        let user: StoredRecord
        let info: TenantInfo
        if let store = try await state.registry.store(forTenantNamed: tenant),
            let existing = try await store.read({ tx in try tx.user(named: "root") })
        {
            try await state.registry.system.setPasswordHash(hash, tenantID: store.tenant.id, userID: existing.id)
            (info, user) = (store.tenant, existing)
        } else {
            let fixtures = try state.fixtures.resolve(["demo"])
            (info, user) = try await auth.provision(
                tenant: tenant,
                username: "root",
                email: nil,
                passwordHash: hash,
                fixtures: fixtures
            )
            if tenant == "staging" { try await diverge(info) }
        }
        let (token, _) = auth.authenticator.token(for: user, tenant: info)
        return DemoCredential(tenant: tenant, username: "root", password: password, token: token)
    }

    /// Makes staging differ from demo: in `account` one record updated, one removed and one added (so a diff of
    /// that one model shows all three kinds of change), and one contact removed.
    private func diverge(_ tenant: TenantInfo) async throws {
        guard let store = try await state.registry.store(forTenantID: tenant.id) else { return }
        let now = "2025-02-01T00:00:00.000Z"
        try await store.write { tx in
            let account = try tx.requireModel("account")
            _ = try tx.updateRecord(
                id: "10000000-0000-4000-8000-000000000002",
                changes: ["balance": .number(JSONNumber(uncheckedCanonical: "5250.5")), "updated_at": .string(now)],
                in: account,
                caller: .system,
                now: now
            )
            try tx.remove(id: "10000000-0000-4000-8000-000000000005", from: "account")
            try tx.remove(id: "20000000-0000-4000-8000-000000000005", from: "contact")
            _ = try tx.createRecord(
                [
                    "id": "10000000-0000-4000-8000-000000000006", "name": "Dana Staging", "email": "dana@staging.test",
                    "username": "dstaging", "account_type": "trial", "created_at": .string(now),
                    "updated_at": .string(now),
                ],
                in: account,
                caller: .system,
                now: now
            )
        }
    }

    private static func randomPassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
