import MonkArchive
import MonkClient
import MonkCommandLine
import MonkCore

/// `monk data create MODEL [INPUT]`: creates one record (an object) or several (an array) in one transaction.
struct DataCreateCommand: MonkCommand {
    /// The `INPUT` argument of commands that read a document.
    static let inputArgument = ArgumentSpec(
        "INPUT",
        abstract: "FILE, @FILE, - for standard input (the default), or inline JSON.",
        cardinality: .optional,
        type: .file
    )

    static let spec = CommandSpec(
        "create",
        abstract: "Create records from a JSON object or array; prints what the server stored.",
        discussion: "All records are created in one transaction: if one fails validation (exit 6), none is written.",
        arguments: [DataGroup.modelArgument, inputArgument],
        options: [DataGroup.statSpec] + ClientOptions.specs,
        examples: [
            Example("monk data create account @ada.json", "Create the record in ada.json."),
            Example("monk data create account '{\"name\": \"Ada\"}'", "Create a record given inline."),
        ]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let model = context.parsed.argument("MODEL") ?? ""
        let source = InputSource(argument: context.parsed.argument("INPUT"))
        let document = try await source.load()
        let options: DataOptions = context.parsed.flag("stat") ? [.stat] : []
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        let output = OutputOptions(context)
        switch document {
        case .object:
            let created = try await api.client.createRecords(model, [document], options: options)
            output.result(created.first ?? .null)
        case .array(let records):
            let created = try await api.client.createRecords(model, records, options: options)
            output.success("created \(created.count) record(s) in \(model)")
            output.result(.array(created))
        default:
            throw ArchiveError(
                code: .invalidData,
                message: "\(source.name): expected a record object or an array of them, found \(document.typeName)"
            )
        }
        return .success
    }
}
