import MonkClient
import MonkCommandLine
import MonkCore

/// `monk config server use NAME`: makes a named server the current one.
struct ConfigServerUseCommand: MonkCommand {
    static let spec = CommandSpec(
        "use",
        abstract: "Make a named server the current one.",
        discussion: "The current tenant is cleared when the server changes; pick one with `monk auth use TENANT`.",
        arguments: [ArgumentSpec("NAME", abstract: "A configured server name.")]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let output = OutputOptions(context)
        let name = context.parsed.argument("NAME") ?? ""
        let store = try ConfigStore(environment: context.environment)
        let config = try store.update { config in
            try config.useServer(name)
            return config
        }
        output.success("now using server `\(name)`")
        if output.isJSON { output.result(ConfigView.serverJSON(name, in: config)) }
        return .success
    }
}
