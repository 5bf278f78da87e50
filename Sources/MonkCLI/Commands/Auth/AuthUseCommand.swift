import MonkClient
import MonkCommandLine
import MonkCore

/// `monk auth use TENANT`: makes a saved session the current one.
struct AuthUseCommand: MonkCommand {
    static let spec = CommandSpec(
        "use",
        abstract: "Make the saved session of TENANT (on the current server, or --server) the current one.",
        arguments: [ArgumentSpec("TENANT", abstract: "A tenant with a saved session.")],
        options: [.value("server", valueName: "NAME", abstract: "The server of the session (default: current).")]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let output = OutputOptions(context)
        let tenant = context.parsed.argument("TENANT") ?? ""
        let store = try ConfigStore(environment: context.environment)
        var config = try store.load()
        guard let server = context.parsed.value("server") ?? config.currentServer else {
            throw ConfigError(code: .noServer, message: "no server selected: name one with --server")
        }
        guard let session = config.session(server: server, tenant: tenant) else {
            _ = try config.url(ofServer: server)
            output.failure("no session for tenant \(tenant) on server \(server): log in with `monk auth login`")
            return .notFound
        }
        try config.useServer(server, tenant: tenant)
        try store.save(config)
        output.success("now using \(session.user)@\(tenant) on \(server)")
        if output.isJSON { output.result(ConfigView.sessionJSON(session, in: config, now: APIContext.now())) }
        return .success
    }
}
