import MonkClient
import MonkCore

/// Builds a client for a remote endpoint's server and tenant: how MonkSync reaches servers without knowing
/// about config files or sessions (the CLI resolves those, as `APIContext` does).
///
/// - Parameters:
///   - server: the configured server name, `nil` for the current one.
///   - tenant: the tenant whose session to use.
/// - Throws: whatever explains a missing server or session (the CLI's `ConfigError`, `TransportError`).
package typealias ClientFactory = @Sendable (_ server: String?, _ tenant: String) async throws -> MonkAPIClient

/// A client together with what `GET /` said about its server, and the models a remote endpoint resolves to.
///
/// ```swift
/// let connection = try await RemoteConnection.open(remote, clients: factory)
/// connection.isMonkServe          // JSONL keyset streams, expect_hash, sync checksums
/// try await connection.models(of: remote)   // ["orders", "users"]
/// ```
package struct RemoteConnection: Sendable {
    package let client: MonkAPIClient
    package let info: ServerInfo
    /// The endpoint as the user wrote it (`prod:acme:users`).
    package let endpoint: RemoteEndpoint

    package init(client: MonkAPIClient, info: ServerInfo, endpoint: RemoteEndpoint) {
        self.client = client
        self.info = info
        self.endpoint = endpoint
    }

    /// Builds the client through `clients` and asks the server what it is.
    ///
    /// - Throws: the factory's errors; ``TransportError`` when the server cannot be reached.
    package static func open(_ endpoint: RemoteEndpoint, clients: ClientFactory) async throws -> RemoteConnection {
        let client = try await clients(endpoint.server, endpoint.tenant)
        return RemoteConnection(client: client, info: try await client.serverInfo(), endpoint: endpoint)
    }

    /// Whether the server is `monk serve` with keyset JSONL streams (`after`).
    package var hasKeysetStreams: Bool { info.kind == .monkServe && info.supports("keyset") }
    /// Whether bulk operations may carry `expect_hash` (capability `bulk-expect`).
    package var hasExpectHash: Bool { info.supports("bulk-expect") }
    /// Whether bulk understands `options` (`atomic`, `continueOnError`, `refs`; capability `bulk-refs`).
    package var hasBulkOptions: Bool { info.supports("bulk-refs") }
    /// Whether `/api/sync/:model/checksum` and `/hashes` exist (capability `sync-checksum`).
    package var hasSyncChecksum: Bool { info.supports("sync-checksum") }

    /// The most operations one bulk request may hold (`limits.max_bulk_operations`, else 10,000).
    package var maxBulkOperations: Int {
        info.limits["max_bulk_operations"]?.numberValue?.int64Value.map { Int($0) } ?? 10_000
    }

    /// The largest request body, in bytes (`limits.max_body_bytes`, else 64 MiB).
    package var maxBodyBytes: Int {
        info.limits["max_body_bytes"]?.numberValue?.int64Value.map { Int($0) } ?? 64 << 20
    }

    /// The models the endpoint names, sorted by UTF-8 bytes: the listed ones, or for `tenant:*` every model
    /// whose `status` is not `system`.
    ///
    /// - Throws: ``TransportError`` (a listed model that does not exist is 404 `MODEL_NOT_FOUND`, exit 3).
    package func models(scope: [String]? = nil) async throws -> [String] {
        let names: [String]
        switch endpoint.models {
        case .models(let listed):
            for name in listed { _ = try await client.model(name) }
            names = listed
        case .all, .wholeTenant:
            var found: [String] = []
            for name in try await client.modelNames() {
                let model = try await client.model(name)
                if model["status"]?.stringValue != "system" { found.append(name) }
            }
            names = found
        }
        let scoped = scope.map { scope in names.filter(scope.contains) } ?? names
        return Array(Set(scoped)).sorted(by: JSONObject.precedes)
    }
}
