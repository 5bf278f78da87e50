import MonkClient
import MonkCommandLine
import MonkCore

/// `monk describe fields list MODEL`: the field objects of a model.
struct DescribeFieldsListCommand: MonkCommand {
    static let spec = CommandSpec(
        "list",
        abstract: "Print the fields of a model, ordered by name.",
        arguments: [DescribeGroup.modelArgument],
        options: ClientOptions.specs,
        aliases: ["ls"]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let model = context.parsed.argument("MODEL") ?? ""
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        OutputOptions(context).result(.array(try await api.client.fields(of: model)))
        return .success
    }
}
