import MonkClient
import MonkCommandLine
import MonkCore

/// `monk config server list`: the named servers, the current one marked with `*`.
struct ConfigServerListCommand: MonkCommand {
    static let spec = CommandSpec(
        "list",
        abstract: "List the named servers; `*` marks the current one.",
        aliases: ["ls"]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let config = try ConfigStore(environment: context.environment).load()
        let rows = ConfigView.serverRows(config)
        let text =
            rows.isEmpty ? "no servers; add one with `monk config server add NAME URL`" : rows.joined(separator: "\n")
        OutputOptions(context).result(text: text, json: ConfigView.serversJSON(config))
        return .success
    }
}
