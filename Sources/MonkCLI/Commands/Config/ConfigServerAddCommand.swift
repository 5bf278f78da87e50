import MonkClient
import MonkCommandLine
import MonkCore

/// `monk config server add NAME URL`: adds a named server (or changes its URL).
struct ConfigServerAddCommand: MonkCommand {
    static let spec = CommandSpec(
        "add",
        abstract: "Add a named server, or change the URL of one.",
        discussion: "The first server added becomes the current one.",
        arguments: [
            ArgumentSpec("NAME", abstract: "Name to refer to the server by (letters, digits, '-', '_', '.')."),
            ArgumentSpec("URL", abstract: "Base URL of the server, e.g. http://127.0.0.1:9001."),
        ],
        examples: [Example("monk config server add local http://127.0.0.1:9001", "Name a local `monk serve`.")]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let output = OutputOptions(context)
        let name = context.parsed.argument("NAME") ?? ""
        let url = context.parsed.argument("URL") ?? ""
        let store = try ConfigStore(environment: context.environment)
        let config = try store.update { config in
            try config.addServer(name, url: url)
            return config
        }
        let current = config.currentServer == name ? "; it is the current server" : ""
        output.success("server `\(name)` is \(RedactedURL.describe(config.servers[name] ?? url))\(current)")
        if output.isJSON { output.result(ConfigView.serverJSON(name, in: config)) }
        return .success
    }
}
