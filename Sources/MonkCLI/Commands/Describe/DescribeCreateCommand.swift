import MonkClient
import MonkCommandLine
import MonkCore

/// `monk describe create MODEL [INPUT]`: creates a model, with inline fields when the document has them.
struct DescribeCreateCommand: MonkCommand {
    static let spec = CommandSpec(
        "create",
        abstract: "Create a model from a model document (with optional inline \"fields\").",
        discussion: "Without INPUT the model is created with default properties and no fields.",
        arguments: [
            DescribeGroup.modelArgument,
            ArgumentSpec(
                "INPUT",
                abstract: "FILE, @FILE, - (standard input) or inline JSON; JSON or YAML.",
                cardinality: .optional,
                type: .file
            ),
        ],
        options: ClientOptions.specs,
        examples: [Example("monk describe create task task.yaml", "Create the model task from a YAML document.")]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let name = context.parsed.argument("MODEL") ?? ""
        var body = JSONObject()
        if let argument = context.parsed.argument("INPUT") {
            body = try await InputSource(argument: argument).loadObject()
        }
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        let model = try await api.client.createModel(name, body)
        let output = OutputOptions(context)
        output.success("created model \(name)")
        output.result(.object(model))
        return .success
    }
}
