import MonkClient
import MonkCommandLine
import MonkCore

/// `monk data get MODEL ID`: one record.
struct DataGetCommand: MonkCommand {
    static let spec = CommandSpec(
        "get",
        abstract: "Print one record. A missing id exits with status 3.",
        arguments: [DataGroup.modelArgument, DataGroup.idArgument],
        options: [DataGroup.statSpec] + ClientOptions.specs
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let model = context.parsed.argument("MODEL") ?? ""
        let id = context.parsed.argument("ID") ?? ""
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        let record = try await api.client.record(model, id: id, options: context.parsed.flag("stat") ? [.stat] : [])
        OutputOptions(context).result(record)
        return .success
    }
}
