import MonkClient
import MonkCommandLine
import MonkCore

/// `monk describe list`: the model names of the tenant.
struct DescribeListCommand: MonkCommand {
    static let spec = CommandSpec(
        "list",
        abstract: "Print the names of all models (system models included), sorted.",
        options: ClientOptions.specs,
        aliases: ["ls"]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        let names = try await api.client.modelNames()
        OutputOptions(context).result(.array(names.map(JSONValue.string)))
        return .success
    }
}
