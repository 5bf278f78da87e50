import MonkCommandLine
import MonkCore
import MonkSync

/// `monk sync copy SRC DST`: makes DST hold SRC's records by the chosen strategy, writing only differences.
struct SyncCopyCommand: MonkCommand {
    static let spec = CommandSpec(
        "copy",
        abstract: "Copy records from SRC to DST, writing only the differences.",
        discussion: """
            SRC and DST are compared first (as `sync diff` does), and only the differences are written. \
            --strategy replace (the default) makes DST equal to SRC, deletes included; merge updates and \
            inserts and never deletes; skip-existing inserts only ids DST lacks.

            Safety: the run stops before writing anything (exit status 8) when it would delete more than \
            --max-delete allows (default 50% of DST), when SRC is empty (unless --allow-empty-source), or \
            when DST changed between the diff and the apply. After any error, later models delete nothing.

            Ctrl-C keeps a checkpoint and exits 130; running the same command again finishes the work \
            without redoing what was committed.
            """,
        arguments: [
            ArgumentSpec(
                "SRC",
                abstract: "Source endpoint: [server:]tenant:model, a JSONL file or a directory.",
                type: .file
            ),
            ArgumentSpec(
                "DST",
                abstract: "Destination endpoint: [server:]tenant:model, a JSONL file or a directory.",
                type: .file
            ),
        ],
        options: TransferOptions.strategySpecs + [
            .flag("create-models", abstract: "Create the models and fields DST lacks from SRC's definitions.")
        ] + TransferOptions.specs + SyncSelectionOptions.specs,
        examples: [
            Example("monk sync copy prod:acme:users staging:acme:users", "Make staging's users equal to prod's."),
            Example("monk sync copy prod:acme:* staging:acme:* --merge --concurrency 4", "Merge every model."),
            Example("monk sync copy new.jsonl old.jsonl --dry-run", "Show what a copy would change."),
            Example("monk sync copy prod:acme:* sandbox:acme:* --create-models", "Copy a tenant into a new one."),
        ]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let parsed = context.parsed
        let home = context.environment["HOME"]
        let sourceText = parsed.argument("SRC") ?? ""
        let destinationText = parsed.argument("DST") ?? ""
        let options = try TransferOptions(parsed, isTerminal: context.console.isInteractive)
        let source = try SyncEndpoint(parsing: sourceText, home: home)
        let destination = try SyncEndpoint(parsing: destinationText, home: home)
        let transferJobs = try TransferJobs(context, batchSize: options.batchSize)
        if parsed.flag("create-models") && !options.isDryRun {
            try await createModels(of: source, in: destination, jobs: transferJobs, output: OutputOptions(context))
        }
        let jobs = try await transferJobs.jobs(from: source, to: destination)
        let driver = TransferDriver(
            context,
            options: options,
            command: "sync copy",
            source: sourceText,
            destination: destinationText
        )
        return try await driver.run(jobs).1
    }

    /// `--create-models`: creates on DST the models (and fields) of SRC that DST lacks, from SRC's definitions;
    /// a single model copied into a model of another name is created under DST's name.
    private static func createModels(
        of source: SyncEndpoint,
        in destination: SyncEndpoint,
        jobs: TransferJobs,
        output: OutputOptions
    ) async throws {
        guard case .remote(let from) = source, case .remote(let to) = destination else {
            output.warning("--create-models: \(source) and \(destination) are not both on servers; nothing created")
            return
        }
        let models = try await jobs.models(of: source)
        var renaming: [String: String] = [:]
        if case .models(let names) = to.models, names.count == 1, models.count == 1 { renaming[models[0]] = names[0] }
        let definitions = try await TransferSchemas.definitions(
            models,
            client: try await jobs.clients(from.server, from.tenant),
            renaming: renaming
        )
        let client = try await jobs.clients(to.server, to.tenant)
        let created = try await TransferSchemas.createMissing(definitions, client: client)
        if created.models + created.fields > 0 {
            output.success("Created \(created.models) models and \(created.fields) fields in \(to.tenant)")
        }
    }
}
