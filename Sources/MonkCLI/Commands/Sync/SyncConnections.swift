import Foundation
import MonkClient
import MonkCommandLine
import MonkSync

/// How `sync` commands reach servers and keep checkpoints: the CLI side of MonkSync's ``ClientFactory``
/// and ``CheckpointStore``, resolved from `config.json` and the environment the way ``APIContext`` does
/// (DESIGN.md §12), but per endpoint, since `prod:acme:users` names its own server and tenant.
///
/// ```swift
/// let clients = SyncConnections(context)
/// let header = try await LocalDiff(selection: selection, clients: clients.factory).run(...)
/// ```
struct SyncConnections: Sendable {
    /// The connection options sync commands take (`--timeout`, `--retries`, `--insecure`); the server and
    /// tenant come from each endpoint instead.
    static let specs: [OptionSpec] = ClientOptions.specs.filter { $0.long != "server" && $0.long != "tenant" }

    private let environment: [String: String]
    private let options: ClientOptions
    private let console: Console

    /// Reads the options of a command whose spec includes ``specs``.
    init(_ context: CommandContext) {
        let parsed = context.parsed
        environment = context.environment
        console = context.console
        options = ClientOptions(
            timeoutSeconds: parsed.integer("timeout") ?? ClientOptions.defaultTimeoutSeconds,
            retries: parsed.integer("retries") ?? ClientOptions.defaultRetries,
            tlsVerification: parsed.flag("insecure") ? .insecure : .verify
        )
    }

    /// Builds a client for a server name (`nil` = the current server or `MONK_API_BASE_URL`) and tenant,
    /// with that tenant's session token.
    ///
    /// The closure throws ``ConfigError`` `.unknownServer` (exit 3) for a name not configured, `.noServer`
    /// when nothing names a server, and ``TransportError`` `AUTH_TOKEN_REQUIRED` (exit 4) without a session.
    var factory: ClientFactory {
        let environment = environment
        let options = options
        let console = console
        return { server, tenant in
            let store = try ConfigStore(environment: environment)
            let connection = try store.load().connection(
                server: server,
                tenant: tenant,
                environment: environment,
                now: APIContext.now()
            )
            guard connection.token != nil else {
                throw TransportError(
                    code: .server,
                    message: "not logged in to \(connection): run `monk auth login \(tenant) USERNAME"
                        + (server.map { " --server \($0)" } ?? "") + "` (or set MONK_API_TOKEN)",
                    status: 401,
                    serverCode: "AUTH_TOKEN_REQUIRED"
                )
            }
            if connection.isTokenExpired {
                console.warning("the session for \(connection) has expired; log in again with `monk auth login`")
            }
            var configuration = options.transportConfiguration
            // Sync moves whole models; between servers on one machine, compressing them costs more than it saves.
            configuration.compressesLoopback = false
            let transport = RetryingTransport(
                wrapping: try CurlTransport(configuration: configuration),
                policy: options.retryPolicy,
                overallTimeout: .seconds(options.timeoutSeconds)
            )
            return MonkAPIClient(connection: connection, transport: transport)
        }
    }

    /// Where batched applies keep their checkpoints: `<config dir>/checkpoints`.
    ///
    /// - Throws: ``ConfigError`` when no configuration directory can be found.
    func checkpoints() throws -> CheckpointStore {
        CheckpointStore(directory: try ConfigStore(environment: environment).directory + "/checkpoints")
    }
}
