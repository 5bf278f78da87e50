import MonkClient
import MonkCommandLine
import MonkCore

/// `monk describe fields create MODEL FIELD [INPUT]`: adds a field to a model.
struct DescribeFieldsCreateCommand: MonkCommand {
    static let spec = CommandSpec(
        "create",
        abstract: "Add a field to a model from a field document (type, required, default_value, …).",
        discussion: "Without INPUT, --type gives the field's type. The document's field_name is taken from FIELD.",
        arguments: [
            DescribeGroup.modelArgument,
            DescribeGroup.fieldArgument,
            ArgumentSpec(
                "INPUT",
                abstract: "FILE, @FILE, - (standard input) or inline JSON.",
                cardinality: .optional,
                type: .file
            ),
        ],
        options: [
            .value("type", valueName: "TYPE", abstract: "The field's type (text, integer, decimal, boolean, …).")
        ] + ClientOptions.specs,
        examples: [Example("monk describe fields create task title --type text", "Add a text field.")]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let model = context.parsed.argument("MODEL") ?? ""
        let field = context.parsed.argument("FIELD") ?? ""
        var body = JSONObject()
        if let argument = context.parsed.argument("INPUT") {
            body = try await InputSource(argument: argument).loadObject()
        }
        if let type = context.parsed.value("type") { body["type"] = .string(type) }
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        let created = try await api.client.createField(field, of: model, body)
        let output = OutputOptions(context)
        output.success("added field \(field) to \(model)")
        output.result(created)
        return .success
    }
}
