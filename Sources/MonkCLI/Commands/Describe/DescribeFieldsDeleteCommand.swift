import MonkClient
import MonkCommandLine
import MonkCore

/// `monk describe fields delete MODEL FIELD`: removes a field and its values.
struct DescribeFieldsDeleteCommand: MonkCommand {
    static let spec = CommandSpec(
        "delete",
        abstract: "Remove a field from a model, with all its values.",
        arguments: [DescribeGroup.modelArgument, DescribeGroup.fieldArgument],
        options: ClientOptions.specs,
        aliases: ["rm"]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let model = context.parsed.argument("MODEL") ?? ""
        let field = context.parsed.argument("FIELD") ?? ""
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        let removed = try await api.client.deleteField(field, of: model)
        let output = OutputOptions(context)
        output.success("removed field \(field) from \(model)")
        output.result(removed)
        return .success
    }
}
