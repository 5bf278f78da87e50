import Foundation
import MonkCommandLine
import MonkCore
import MonkSync

/// `monk sync pull SRC DIR`: mirrors an endpoint into a local directory.
struct SyncPullCommand: MonkCommand {
    static let spec = CommandSpec(
        "pull",
        abstract: "Pull SRC's records into a local directory.",
        discussion: """
            --layout files (the default) writes one pretty JSON file per record, DIR/<id>.json, or \
            DIR/<model>/<id>.json for several models (t:*); jsonl writes DIR/<model>.jsonl, canonical lines \
            sorted by id, much faster and smaller for big models. Every file is written to a temporary name \
            and renamed, and DIR/.monk.json records the source, the time, and each model's count and checksum.

            A directory that is not empty needs --overwrite; it then becomes an exact mirror of SRC: only \
            changed files are rewritten, and stale files are removed, counted and guarded by --max-delete \
            (exit status 8, nothing changed).
            """,
        arguments: [
            ArgumentSpec(
                "SRC",
                abstract: "Source endpoint: [server:]tenant:model, t:*, a JSONL file or a directory.",
                type: .file
            ),
            ArgumentSpec("DIR", abstract: "The local directory to write.", type: .directory),
        ],
        options: [
            .value(
                "layout",
                valueName: "LAYOUT",
                type: .choice(DirectoryLayout.allCases.map(\.rawValue)),
                abstract: "files: one JSON file per record; jsonl: one JSONL file per model.",
                defaultValue: DirectoryLayout.files.rawValue
            ),
            .flag("overwrite", abstract: "Write into a non-empty directory, making it an exact mirror of SRC."),
            .flag("include-schemas", abstract: "Also write DIR/describe.yaml with the models' definitions."),
        ] + TransferOptions.specs + SyncSelectionOptions.specs,
        examples: [
            Example("monk sync pull prod:acme:* /backup/acme/$(date +%F)", "Back up every model of a tenant."),
            Example("monk sync pull prod:acme:users ./users --layout jsonl --overwrite", "Refresh a JSONL mirror."),
        ]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let parsed = context.parsed
        let sourceText = parsed.argument("SRC") ?? ""
        let directoryText = parsed.argument("DIR") ?? ""
        let options = try TransferOptions(parsed, isTerminal: context.console.isInteractive, fixedStrategy: .replace)
        let layout = parsed.value("layout").flatMap(DirectoryLayout.init(rawValue:)) ?? .files
        let home = context.environment["HOME"]
        let source = try SyncEndpoint(parsing: sourceText, home: home)
        var jobs = try TransferJobs(context, batchSize: options.batchSize)
        let models = try await jobs.models(of: source)
        let isMultiModel = TransferJobs.isMultiModel(source) || models.count > 1
        let target = PullTarget(directory: PullDirectory(path: expand(directoryText, home: home), layout: layout))
        let wasEmpty = target.directory.isEmpty
        let destination = try target.prepare(
            models: models,
            isMultiModel: isMultiModel,
            overwrite: parsed.flag("overwrite"),
            isDryRun: options.isDryRun
        )
        defer { target.cleanUp() }
        if case .directory(let path) = destination {
            jobs.pullDirectory = (PullDirectory(path: path, layout: layout), wasEmpty, isMultiModel)
        }
        let driver = TransferDriver(
            context,
            options: options,
            command: "sync pull",
            source: sourceText,
            destination: directoryText
        )
        let (summary, status) = try await driver.run(try await jobs.jobs(from: source, to: .local(destination)))
        guard status == .success && !options.isDryRun && !summary.isDeclined else { return status }
        try target.directory.writeManifest(
            source: sourceText,
            pulledAt: ISO8601DateFormatter().string(from: Date()),
            generator: "monk \(MonkCLI.version)",
            models: summary.outcomes.count == models.count
                ? zip(models, summary.outcomes).map { model, outcome in (model, outcome.plan) }
                : [(models.joined(separator: ","), summary.plan)]
        )
        if parsed.flag("include-schemas") {
            guard case .remote(let remote) = source else {
                OutputOptions(context).warning("--include-schemas: \(sourceText) is not on a server; no describe.yaml")
                return status
            }
            let client = try await jobs.clients(remote.server, remote.tenant)
            try target.directory.write(try await TransferSchemas.describe(models, client: client), to: "describe.yaml")
        }
        return status
    }

    /// `~/x` → `$HOME/x`.
    private static func expand(_ path: String, home: String?) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home else { return path }
        return home + path.dropFirst()
    }
}
