import MonkClient
import MonkCommandLine
import MonkCore

/// `monk describe fields update MODEL FIELD INPUT`: changes a field.
struct DescribeFieldsUpdateCommand: MonkCommand {
    static let spec = CommandSpec(
        "update",
        abstract: "Change a field from a partial field document; existing values must convert exactly.",
        arguments: [
            DescribeGroup.modelArgument,
            DescribeGroup.fieldArgument,
            ArgumentSpec("INPUT", abstract: "FILE, @FILE, - (standard input) or inline JSON.", type: .file),
        ],
        options: ClientOptions.specs
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let model = context.parsed.argument("MODEL") ?? ""
        let field = context.parsed.argument("FIELD") ?? ""
        let changes = try await InputSource(argument: context.parsed.argument("INPUT")).loadObject()
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        OutputOptions(context).result(try await api.client.updateField(field, of: model, changes))
        return .success
    }
}
