import MonkArchive
import MonkClient
import MonkCommandLine
import MonkCore

/// `monk data import MODEL DIR|FILE`: creates the records of an export (ids kept) in batches.
struct DataImportCommand: MonkCommand {
    static let spec = CommandSpec(
        "import",
        abstract: "Create records from an export directory (DIR/<id>.json or DIR/<model>.jsonl) or a file.",
        discussion: """
            A FILE ending in .jsonl holds one record per line; any other file one JSON (or YAML) record or \
            array. Records keep their ids and timestamps. Each batch is one transaction; an id that already \
            exists stops the import with status 6 (batches before it stay created).
            """,
        arguments: [
            DataGroup.modelArgument,
            ArgumentSpec("SOURCE", abstract: "An export directory or a .jsonl/.json/.yaml file.", type: .file),
        ],
        options: [
            .value(
                "batch-size",
                valueName: "N",
                type: .integer(1...10_000),
                abstract: "Records per request.",
                defaultValue: "500"
            )
        ] + ClientOptions.specs,
        examples: [Example("monk data import account backup/", "Re-create the records exported to backup/.")]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let model = context.parsed.argument("MODEL") ?? ""
        let path = context.parsed.argument("SOURCE") ?? "."
        let batchSize = context.parsed.integer("batch-size") ?? 500
        let source = try await OffPool.run { try RecordImportSource(path: path, model: model) }
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        let output = OutputOptions(context)
        var created = 0
        while true {
            try Task.checkCancellation()
            let batch = try await OffPool.run { try source.nextBatch(size: batchSize) }
            guard !batch.isEmpty else { break }
            created += try await api.client.createRecords(model, batch).count
        }
        output.success("imported \(created) \(model) record(s) from \(path)")
        if output.isJSON {
            output.result(["model": .string(model), "source": .string(path), "created": .number(JSONNumber(created))])
        }
        return .success
    }
}
