import MonkClient
import MonkCommandLine
import MonkCore

/// `monk describe update MODEL INPUT`: changes a model's properties.
struct DescribeUpdateCommand: MonkCommand {
    static let spec = CommandSpec(
        "update",
        abstract: "Change a model's properties (description, frozen, sudo, …) from a partial model document.",
        arguments: [
            DescribeGroup.modelArgument,
            ArgumentSpec("INPUT", abstract: "FILE, @FILE, - (standard input) or inline JSON.", type: .file),
        ],
        options: ClientOptions.specs
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let name = context.parsed.argument("MODEL") ?? ""
        let changes = try await InputSource(argument: context.parsed.argument("INPUT")).loadObject()
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        let model = try await api.client.updateModel(name, changes)
        OutputOptions(context).result(.object(model))
        return .success
    }
}
