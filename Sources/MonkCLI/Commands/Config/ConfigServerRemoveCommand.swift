import MonkClient
import MonkCommandLine
import MonkCore

/// `monk config server remove NAME`: forgets a named server and its sessions.
struct ConfigServerRemoveCommand: MonkCommand {
    static let spec = CommandSpec(
        "remove",
        abstract: "Forget a named server and its sessions.",
        arguments: [ArgumentSpec("NAME", abstract: "A configured server name.")],
        aliases: ["rm"]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let output = OutputOptions(context)
        let name = context.parsed.argument("NAME") ?? ""
        let store = try ConfigStore(environment: context.environment)
        let sessions = try store.update { config in
            let count = config.sessions.count { $0.server == name }
            try config.removeServer(name)
            return count
        }
        output.success("removed server `\(name)`" + (sessions > 0 ? " and its \(sessions) session(s)" : ""))
        if output.isJSON {
            output.result(["name": .string(name), "removed_sessions": .number(JSONNumber(sessions))])
        }
        return .success
    }
}
