import Foundation
import MonkClient
import MonkCommandLine
import MonkServer

/// `monk serve`: hosts the monk API (API.md) on an embedded SQLite database until SIGINT or SIGTERM.
struct ServeCommand: MonkCommand {
    static let spec = CommandSpec(
        "serve",
        abstract: "Run the monk API server on an embedded SQLite database.",
        discussion: """
            Data lives in the data directory: system.sqlite (tenants, credentials) and tenants/<tenant>.sqlite, \
            one file per tenant, in WAL mode. The JWT signing secret comes from MONK_JWT_SECRET, else it is \
            generated once and kept in the data directory (mode 0600). SIGINT or SIGTERM answers new requests \
            with 503 SERVICE_UNAVAILABLE, lets requests in flight finish, stops accepting connections, closes \
            the databases and exits 0. Clients that send Accept-Encoding: gzip get large responses gzipped.

            The line `listening on http://HOST:PORT` on standard output says where the server is; with --port 0 \
            a free port is chosen and that line gives it.

            With --demo the tenants `demo` and `staging` are provisioned (staging is a slightly different copy, \
            so a diff between them shows inserts, updates and deletes), their credentials are printed, and the \
            server is registered in the client config as `local` with a session for each tenant, so \
            `monk sync diff demo:account staging:account` works at once.
            """,
        options: [
            .value("host", valueName: "HOST", abstract: "Address to listen on.", defaultValue: "127.0.0.1"),
            .value(
                "port",
                short: "p",
                valueName: "PORT",
                type: .integer(0...65535),
                abstract: "Port to listen on; 0 picks a free one.",
                defaultValue: "9001",
                environment: "MONK_SERVE_PORT"
            ),
            .value(
                "data-dir",
                valueName: "DIR",
                type: .directory,
                abstract: "Directory for the SQLite files.",
                defaultValue: ".monk-data"
            ),
            .flag("demo", abstract: "Provision the tenants `demo` and `staging`, print their credentials."),
            .flag("personal", abstract: "Personal server: GET /auth/tenants lists tenants and their users."),
            .value(
                "api-rate-limit",
                valueName: "N",
                type: .integer(1...1_000_000),
                abstract: "Allow at most N /api requests per token and minute (default: unlimited)."
            ),
        ],
        examples: [
            Example("monk serve --demo", "Start a server with two demo tenants to try the sync commands on."),
            Example("monk serve --port 0 --data-dir /tmp/monk", "Start on a free port with a scratch data directory."),
        ]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let parsed = context.parsed
        var configuration = ServerConfiguration()
        configuration.host = parsed.value("host") ?? configuration.host
        configuration.port = parsed.integer("port") ?? configuration.port
        configuration.dataDirectory = parsed.value("data-dir") ?? configuration.dataDirectory
        configuration.jwtSecret = context.environment["MONK_JWT_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        configuration.isPersonal = parsed.flag("personal")
        configuration.apiRequestsPerMinutePerToken = parsed.integer("api-rate-limit")
        let console = context.console
        let demo = parsed.flag("demo") ? try await provisionDemo(configuration: configuration) : []
        for credential in demo {
            console.line("tenant \(credential.tenant): user \(credential.username), password \(credential.password)")
        }
        let environment = context.environment
        try await runServer(configuration: configuration) { host, port in
            let url = "http://\(host):\(port)"
            if !demo.isEmpty {
                do {
                    try register(demo, url: url, environment: environment)
                    console.success("server `local` (\(url)) and sessions for demo, staging saved in the config")
                } catch {
                    console.warning("could not save the demo sessions: \(ExitStatus.message(for: error))")
                }
            }
            console.line("listening on \(url)")
        }
        return .success
    }

    /// Saves server `local` and one session per demo tenant in the client config; `demo` becomes current.
    private static func register(_ credentials: [DemoCredential], url: String, environment: [String: String]) throws {
        let store = try ConfigStore(environment: environment)
        let expiry = Int64(Date().timeIntervalSince1970) + 7 * 24 * 3600
        try store.update { config in
            try config.addServer("local", url: url)
            for credential in credentials.reversed() {
                config.saveSession(
                    ClientConfig.Session(
                        server: "local",
                        tenant: credential.tenant,
                        user: credential.username,
                        token: credential.token,
                        expiresAt: expiry
                    )
                )
            }
        }
    }
}
