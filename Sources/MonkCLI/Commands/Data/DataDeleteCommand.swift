import MonkClient
import MonkCommandLine
import MonkCore

/// `monk data delete MODEL ID`: moves one record to the trash.
struct DataDeleteCommand: MonkCommand {
    static let spec = CommandSpec(
        "delete",
        abstract: "Move one record to the trash; prints the trashed record.",
        arguments: [DataGroup.modelArgument, DataGroup.idArgument],
        options: ClientOptions.specs,
        aliases: ["rm"]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let model = context.parsed.argument("MODEL") ?? ""
        let id = context.parsed.argument("ID") ?? ""
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        let record = try await api.client.deleteRecord(model, id: id)
        let output = OutputOptions(context)
        output.success("trashed \(model) \(id)")
        output.result(record)
        return .success
    }
}
