import MonkArchive
import MonkClient
import MonkCommandLine
import MonkCore

/// `monk data export MODEL DIR`: every live record of a model into a directory, in one of five layouts.
struct DataExportCommand: MonkCommand {
    static let spec = CommandSpec(
        "export",
        abstract: "Write every live record of a model into a directory.",
        discussion: """
            Formats: files (default; DIR/<id>.json, pretty JSON with sorted keys, the old monk layout), \
            jsonl (DIR/<model>.jsonl, one canonical record per line, sorted by id), json (DIR/<model>.json, \
            one array), csv (DIR/<model>.csv, a header row, nested values as JSON text) and markdown \
            (DIR/<model>.md, a table). Records keep their system timestamps. Every file is written to a \
            temporary file and renamed into place. Records are read in pages of --batch-size, by id.
            """,
        arguments: [
            DataGroup.modelArgument, ArgumentSpec("DIR", abstract: "The directory to write.", type: .directory),
        ],
        options: [
            .value(
                "format",
                valueName: "FORMAT",
                type: .choice(RecordExportFormat.allCases.map(\.rawValue)),
                abstract: "Layout of the export.",
                defaultValue: RecordExportFormat.files.rawValue
            ),
            QueryOptions.whereSpec,
            .value(
                "batch-size",
                valueName: "N",
                type: .integer(1...10_000),
                abstract: "Records per request.",
                defaultValue: "1000"
            ),
        ] + ClientOptions.specs,
        examples: [Example("monk data export account backup/ --format jsonl", "Write backup/account.jsonl.")]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let model = context.parsed.argument("MODEL") ?? ""
        let directory = context.parsed.argument("DIR") ?? "."
        let format = context.parsed.value("format").flatMap(RecordExportFormat.init(rawValue:)) ?? .files
        let pageSize = context.parsed.integer("batch-size") ?? 1000
        let filter = try QueryOptions(context.parsed).whereObject
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        let exporter = try await OffPool.run { try RecordExporter(directory: directory, model: model, format: format) }
        let path: String
        do {
            var after: String?
            while true {
                try Task.checkCancellation()
                let page = try await api.client.findPage(model, after: after, limit: pageSize, filter: filter)
                try await OffPool.run { try exporter.write(page) }
                guard page.count == pageSize else { break }
                guard let last = page.last?["id"]?.stringValue else {
                    throw ArchiveError(code: .invalidData, message: "the server sent a \(model) record without an id")
                }
                after = last
            }
            path = try await OffPool.run { try exporter.finish() }
        } catch {
            exporter.discard()
            throw error
        }
        let output = OutputOptions(context)
        output.success("exported \(exporter.count) \(model) record(s) to \(path) (\(format.rawValue))")
        if output.isJSON {
            output.result([
                "model": .string(model), "format": .string(format.rawValue), "path": .string(path),
                "count": .number(JSONNumber(exporter.count)),
            ])
        }
        return .success
    }
}
