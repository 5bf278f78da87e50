import Foundation
import MonkCommandLine
import MonkCore
import MonkSync

/// `monk sync push DIR DST`: writes a local directory's records to a destination by the chosen strategy.
struct SyncPushCommand: MonkCommand {
    static let spec = CommandSpec(
        "push",
        abstract: "Push a local directory's records to DST, writing only the differences.",
        discussion: """
            DIR is read in the layout `sync pull` wrote (files or jsonl) and compared with DST; only the \
            differences are written. --strategy replace (the default) makes DST equal to DIR, deletes \
            included; merge (or --merge) updates and inserts and never deletes; skip-existing inserts only \
            ids DST lacks.

            The same guards as `sync copy` apply (--max-delete, an empty DIR, exit status 8), and the same \
            checkpoint: Ctrl-C exits 130 and a rerun finishes the work.
            """,
        arguments: [
            ArgumentSpec("DIR", abstract: "The local directory (files or jsonl layout).", type: .directory),
            ArgumentSpec(
                "DST",
                abstract: "Destination endpoint: [server:]tenant:model, a JSONL file or a directory.",
                type: .file
            ),
        ],
        options: TransferOptions.strategySpecs + [
            .flag(
                "create-models",
                abstract: "Create the models and fields DST lacks from DIR/describe.yaml (pull --include-schemas)."
            )
        ] + TransferOptions.specs + SyncSelectionOptions.specs,
        examples: [
            Example("monk sync push ./backup/acme staging:acme:* --dry-run", "Show what a push would change."),
            Example("monk sync push ./users staging:acme:users --merge", "Update and insert, never delete."),
        ]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let parsed = context.parsed
        let directoryText = parsed.argument("DIR") ?? ""
        let destinationText = parsed.argument("DST") ?? ""
        let options = try TransferOptions(parsed, isTerminal: context.console.isInteractive)
        let home = context.environment["HOME"]
        let source = try SyncEndpoint(parsing: directoryText, home: home)
        var isDirectory: ObjCBool = false
        guard case .local(.directory(let path)) = source,
            FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw SyncError(code: .notFound, message: "\(directoryText): no such directory")
        }
        let destination = try SyncEndpoint(parsing: destinationText, home: home)
        let jobs = try TransferJobs(context, batchSize: options.batchSize)
        if parsed.flag("create-models") && !options.isDryRun {
            try await createModels(from: path, in: destination, clients: jobs.clients, output: OutputOptions(context))
        }
        let driver = TransferDriver(
            context,
            options: options,
            command: "sync push",
            source: directoryText,
            destination: destinationText
        )
        return try await driver.run(try await jobs.jobs(from: source, to: destination)).1
    }

    /// `--create-models`: creates the models and fields of `DIR/describe.yaml` that the server lacks.
    private static func createModels(
        from directory: String,
        in destination: SyncEndpoint,
        clients: ClientFactory,
        output: OutputOptions
    ) async throws {
        let file = URL(fileURLWithPath: directory).appendingPathComponent("describe.yaml").path
        guard case .remote(let remote) = destination else {
            output.warning("--create-models: \(destination) is not on a server; nothing to create")
            return
        }
        guard let bytes = FileManager.default.contents(atPath: file) else {
            output.warning("--create-models: \(file) does not exist (pull with --include-schemas); nothing created")
            return
        }
        let client = try await clients(remote.server, remote.tenant)
        let created = try await TransferSchemas.createMissing(from: Array(bytes), source: file, client: client)
        if created.models + created.fields > 0 {
            output.success("Created \(created.models) models and \(created.fields) fields in \(remote.tenant)")
        }
    }
}
