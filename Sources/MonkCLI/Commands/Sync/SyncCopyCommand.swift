import MonkCommandLine
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
        options: TransferOptions.strategySpecs + TransferOptions.specs + SyncSelectionOptions.specs,
        examples: [
            Example("monk sync copy prod:acme:users staging:acme:users", "Make staging's users equal to prod's."),
            Example("monk sync copy prod:acme:* staging:acme:* --merge --concurrency 4", "Merge every model."),
            Example("monk sync copy new.jsonl old.jsonl --dry-run", "Show what a copy would change."),
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
        let jobs = try await TransferJobs(context, batchSize: options.batchSize).jobs(from: source, to: destination)
        let driver = TransferDriver(
            context,
            options: options,
            command: "sync copy",
            source: sourceText,
            destination: destinationText
        )
        return try await driver.run(jobs).1
    }
}
