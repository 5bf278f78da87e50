import Foundation
import MonkCommandLine
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
        options: TransferOptions.strategySpecs + TransferOptions.specs + SyncSelectionOptions.specs,
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
        let comparison = try SyncSelectionOptions.comparison(parsed)
        let source = try LocalEndpoint(parsing: directoryText, home: context.environment["HOME"])
        var isDirectory: ObjCBool = false
        guard case .directory(let path) = source,
            FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw SyncError(code: .notFound, message: "\(directoryText): no such directory")
        }
        let destination = try LocalEndpoint(parsing: destinationText, home: context.environment["HOME"])
        let job = TransferJobs.local(from: source, to: destination, comparison: comparison)
        let driver = TransferDriver(
            context,
            options: options,
            command: "sync push",
            source: directoryText,
            destination: destinationText
        )
        return try await driver.run([job]).1
    }
}
