import MonkClient
import MonkCommandLine
import MonkCore

/// `monk config show`: servers, the current server and tenant, and sessions with user and expiry; never tokens.
struct ConfigShowCommand: MonkCommand {
    static let spec = CommandSpec(
        "show",
        abstract: "Show the configuration: servers, current server and tenant, sessions. Tokens are never shown."
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let store = try ConfigStore(environment: context.environment)
        let config = try store.load()
        let now = APIContext.now()
        var lines = [
            "config: \(store.path)",
            "current server: \(config.currentServer ?? "(none)")",
            "current tenant: \(config.currentTenant ?? "(none)")",
            "servers:",
        ]
        lines += ConfigView.serverRows(config).map { "  " + $0 }
        lines.append("sessions:")
        lines += ConfigView.sessionRows(config.sessions, in: config, now: now).map { "  " + $0 }
        for (variable, what) in [("MONK_API_BASE_URL", "URL"), ("MONK_API_TOKEN", "token")]
        where !(context.environment[variable] ?? "").isEmpty {
            lines.append("\(variable) is set: it replaces the current server's \(what) in every run")
        }
        let json: JSONValue = [
            "path": .string(store.path),
            "current": [
                "server": config.currentServer.map(JSONValue.string) ?? .null,
                "tenant": config.currentTenant.map(JSONValue.string) ?? .null,
            ],
            "servers": ConfigView.serversJSON(config),
            "sessions": .array(config.sessions.map { ConfigView.sessionJSON($0, in: config, now: now) }),
        ]
        OutputOptions(context).result(text: lines.joined(separator: "\n"), json: json)
        return .success
    }
}
