import MonkClient
import MonkCommandLine
import MonkCore

/// `monk auth list`: the saved sessions with user and expiry, the current one marked with `*`.
struct AuthListCommand: MonkCommand {
    static let spec = CommandSpec(
        "list",
        abstract: "List saved sessions (server, tenant, user, expiry); `*` marks the current one.",
        options: [.value("server", valueName: "NAME", abstract: "Only the sessions of this server.")],
        aliases: ["ls"]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let config = try ConfigStore(environment: context.environment).load()
        let server = context.parsed.value("server")
        if let server { _ = try config.url(ofServer: server) }
        let sessions = config.sessions.filter { server == nil || $0.server == server }
        let now = APIContext.now()
        let rows = ConfigView.sessionRows(sessions, in: config, now: now)
        let text =
            rows.isEmpty ? "no sessions; log in with `monk auth login TENANT USERNAME`" : rows.joined(separator: "\n")
        let json = JSONValue.array(sessions.map { ConfigView.sessionJSON($0, in: config, now: now) })
        OutputOptions(context).result(text: text, json: json)
        return .success
    }
}
