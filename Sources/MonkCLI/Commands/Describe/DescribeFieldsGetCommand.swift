import MonkClient
import MonkCommandLine
import MonkCore

/// `monk describe fields get MODEL FIELD`: one field object.
struct DescribeFieldsGetCommand: MonkCommand {
    static let spec = CommandSpec(
        "get",
        abstract: "Print one field of a model.",
        arguments: [DescribeGroup.modelArgument, DescribeGroup.fieldArgument],
        options: ClientOptions.specs
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let model = context.parsed.argument("MODEL") ?? ""
        let field = context.parsed.argument("FIELD") ?? ""
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        OutputOptions(context).result(try await api.client.field(field, of: model))
        return .success
    }
}
