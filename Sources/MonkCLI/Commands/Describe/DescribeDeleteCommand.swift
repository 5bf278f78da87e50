import MonkClient
import MonkCommandLine
import MonkCore

/// `monk describe delete MODEL [--permanent]`: trashes a model, or drops it with its data.
struct DescribeDeleteCommand: MonkCommand {
    static let spec = CommandSpec(
        "delete",
        abstract: "Move a model to the trash; with --permanent, drop it and its records for good.",
        arguments: [DescribeGroup.modelArgument],
        options: [.flag("permanent", abstract: "Drop the model and all its records; this cannot be undone.")]
            + ClientOptions.specs,
        aliases: ["rm"]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let name = context.parsed.argument("MODEL") ?? ""
        let permanent = context.parsed.flag("permanent")
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        let model = try await api.client.deleteModel(name, permanent: permanent)
        let output = OutputOptions(context)
        output.success(permanent ? "dropped model \(name) and its records" : "trashed model \(name)")
        output.result(.object(model))
        return .success
    }
}
