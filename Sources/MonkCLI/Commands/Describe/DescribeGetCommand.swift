import MonkClient
import MonkCommandLine
import MonkCore

/// `monk describe get MODEL [--fields]`: one model, optionally with its fields.
struct DescribeGetCommand: MonkCommand {
    static let spec = CommandSpec(
        "get",
        abstract: "Print a model's definition; with --fields, its fields too.",
        arguments: [DescribeGroup.modelArgument],
        options: [.flag("fields", abstract: "Include the model's fields.")] + ClientOptions.specs
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let name = context.parsed.argument("MODEL") ?? ""
        let withFields = context.parsed.flag("fields")
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        var model = try await api.client.model(name, includeFields: withFields)
        // monk-api 6.x ignores `?include=fields`; read the fields separately there.
        if withFields, model["fields"] == nil {
            model["fields"] = .array(try await api.client.fields(of: name))
        }
        OutputOptions(context).result(.object(model))
        return .success
    }
}
