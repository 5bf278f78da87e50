import MonkClient
import MonkCommandLine
import MonkCore

/// `monk data update MODEL ID [INPUT]`: changes the fields given, leaves the others.
struct DataUpdateCommand: MonkCommand {
    static let spec = CommandSpec(
        "update",
        abstract: "Change the fields of one record that the input object names; prints the updated record.",
        arguments: [DataGroup.modelArgument, DataGroup.idArgument, DataCreateCommand.inputArgument],
        options: [DataGroup.statSpec] + ClientOptions.specs,
        examples: [Example("echo '{\"balance\": 10}' | monk data update account 5b1e…", "Set one field.")]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let model = context.parsed.argument("MODEL") ?? ""
        let id = context.parsed.argument("ID") ?? ""
        let changes = try await InputSource(argument: context.parsed.argument("INPUT")).loadObject()
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        let options: DataOptions = context.parsed.flag("stat") ? [.stat] : []
        let record = try await api.client.updateRecord(model, id: id, changes, options: options)
        OutputOptions(context).result(record)
        return .success
    }
}
