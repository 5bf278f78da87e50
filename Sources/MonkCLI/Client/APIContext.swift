import Foundation
import MonkClient

/// What a command that talks to a server works with: the config store, the loaded configuration, the server
/// and session the flags resolved to, and a ``MonkAPIClient`` for them.
///
/// Built once per command from ``ClientOptions`` and the environment (`MONK_CLI_CONFIG_DIR`,
/// `MONK_API_BASE_URL`, `MONK_API_TOKEN`), the way DESIGN.md §12 resolves connections:
///
/// ```swift
/// let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
/// let record = try await api.client.record("account", id: id)
/// ```
struct APIContext: Sendable {
    let store: ConfigStore
    let config: ClientConfig
    let connection: ServerConnection
    /// A client for `connection`, with its token when there is one, retrying by the options.
    let client: MonkAPIClient

    /// Resolves the connection and builds the client.
    ///
    /// Prints a warning for `--insecure` and for a session whose token has expired.
    ///
    /// - Parameters:
    ///   - needsSession: whether the command calls `/api/*` routes, which need a token; without one it fails
    ///     before sending anything.
    /// - Throws: ``ConfigError`` (`.unknownServer` → exit 3, `.noServer`, `.malformed`); ``TransportError``
    ///   `AUTH_TOKEN_REQUIRED` (exit 4) when `needsSession` and no token is known; libcurl start-up failures.
    init(_ context: CommandContext, options: ClientOptions, needsSession: Bool) throws {
        let output = OutputOptions(context)
        store = try ConfigStore(environment: context.environment)
        config = try store.load()
        connection = try config.connection(
            server: options.server,
            tenant: options.tenant,
            environment: context.environment,
            now: Self.now()
        )
        if options.tlsVerification == .insecure {
            output.warning("--insecure: TLS certificates are not checked; use it only for development servers")
        }
        if needsSession {
            guard connection.token != nil else { throw Self.notLoggedIn(connection) }
            if connection.isTokenExpired {
                output.warning("the session for \(connection) has expired; log in again with `monk auth login`")
            }
        }
        let transport = RetryingTransport(
            wrapping: try CurlTransport(configuration: options.transportConfiguration),
            policy: options.retryPolicy,
            overallTimeout: .seconds(options.timeoutSeconds)
        )
        client = MonkAPIClient(connection: connection, transport: transport)
    }

    /// The current time in seconds since 1970, for session expiry.
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    /// The error for an `/api` command run without a session: what the server would answer (401), said early.
    private static func notLoggedIn(_ connection: ServerConnection) -> TransportError {
        let tenant = connection.tenant ?? "TENANT"
        return TransportError(
            code: .server,
            message: "not logged in to \(connection): run `monk auth login \(tenant) USERNAME` "
                + "(or set MONK_API_TOKEN)",
            status: 401,
            serverCode: "AUTH_TOKEN_REQUIRED"
        )
    }
}
