import MonkCommandLine
import MonkCore
import MonkSync

/// `monk sync patch FILE DST`: applies a patch written by `sync diff -o`.
struct SyncPatchCommand: MonkCommand {
    static let spec = CommandSpec(
        "patch",
        abstract: "Apply a patch file to a destination.",
        discussion: """
            Every update and delete in a patch carries the record as it was when the diff ran, so monk can \
            tell whether the destination changed since: a conflict is a destination record that differs from \
            that before-image in the compared fields, or an insert whose id already exists.

            --strategy manual (the default) stops at the first conflict and applies nothing (exit status 1); \
            theirs applies the patch's values anyway; ours skips conflicting operations and applies the rest. \
            When the destination as a whole no longer has the checksum the patch recorded, the run stops with \
            exit status 8 unless --force is given.

            A JSONL file is rewritten atomically; in a directory each record file is replaced through a \
            temporary file. On a server the patch goes through /api/bulk: in one atomic request when it fits \
            in --batch-size operations, else in batches, each committed batch recorded in a checkpoint under \
            the configuration directory so that running the same command again resumes after it. Against \
            monk serve every operation carries the before-image's hash, so the conflict check happens inside \
            the server's transaction. --dry-run does all the checks and prints what would change, writing nothing. -R \
            applies the patch backwards, undoing it.

            Applying to a server in batches shows progress on standard error (operations committed, the rate \
            and an ETA): a bar on a terminal, JSON lines with --progress=json.
            """,
        arguments: [
            ArgumentSpec("FILE", abstract: "The patch file (written by sync diff -o).", type: .file),
            ArgumentSpec(
                "DST",
                abstract: "Destination: [server:]tenant:model (or tenant:a,b, tenant:*), a JSONL file or a directory.",
                type: .file
            ),
        ],
        options: [
            .flag("dry-run", abstract: "Check and report what would change; write nothing."),
            .flag("reverse", short: "R", abstract: "Apply the patch backwards, undoing it."),
            .value(
                "strategy",
                valueName: "STRATEGY",
                type: .choice(ConflictStrategy.allCases.map(\.rawValue)),
                abstract: "What to do about conflicts: manual stops, theirs overwrites, ours skips.",
                defaultValue: ConflictStrategy.manual.rawValue
            ),
            .flag("force", abstract: "Apply even if the destination changed since the diff (checksum mismatch)."),
            .value(
                "batch-size",
                valueName: "N",
                type: .integer(1...10_000),
                abstract: "Operations per /api/bulk request on a server.",
                defaultValue: "1000"
            ),
            SyncProgressOption.spec,
        ] + SyncConnections.specs,
        examples: [
            Example("monk sync patch change.patch backup/users.jsonl --dry-run", "Show what the patch would change."),
            Example("monk sync patch -R change.patch backup/users.jsonl", "Undo a patch applied earlier."),
            Example("monk sync patch users.patch staging:acme:users", "Apply a patch to a model on a server."),
        ]
    )

    /// How many conflicts a report lists before "and N more".
    static let conflictLimit = 20

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let parsed = context.parsed
        let patch = parsed.argument("FILE") ?? ""
        let destination = try SyncEndpoint(parsing: parsed.argument("DST") ?? "", home: context.environment["HOME"])
        let options = ApplyOptions(
            strategy: parsed.value("strategy").flatMap(ConflictStrategy.init(rawValue:)) ?? .manual,
            isDryRun: parsed.flag("dry-run"),
            isReversed: parsed.flag("reverse"),
            ignoresChecksum: parsed.flag("force")
        )
        let connections = SyncConnections(context)
        let reporter = SyncProgressOption.reporter(context)
        // Only the total for the progress line: a patch that cannot be read fails in the apply below, with the
        // reader's own error.
        let total = try? PatchReader(path: patch).header.summary.changes
        let opener = EndpointOpener(
            selection: .default,
            clients: connections.factory,
            targetOptions: RemoteTargetOptions(
                batchSize: parsed.integer("batch-size") ?? 1_000,
                checkpoints: destination.isRemote ? try connections.checkpoints() : nil,
                onBatch: { reporter.update(done: $0.committedOperations, total: total, phase: "apply") }
            )
        )
        let report: ApplyReport
        do {
            report = try await opener.target(destination).apply(patchAt: patch, options: options)
        } catch {
            reporter.finish()
            throw error
        }
        reporter.finish()
        let console = context.console
        if report.resumedAfter > 0 {
            console.line("Resuming after \(report.resumedAfter) operations applied by an earlier run")
        }
        if report.isStoppedByConflict {
            console.line("Conflict: \(report.conflicts.map(\.description).first ?? "")")
            if report.changes > 0 {
                console.failure(
                    "Stopped at the conflict after \(report.changes) operations of earlier batches were applied to "
                        + "\(destination.description); resolve it, then rerun to resume, or use --strategy theirs|ours"
                )
            } else {
                console.failure(
                    "Nothing applied to \(destination.description); resolve the conflict or use --strategy theirs|ours"
                )
            }
            return .differences
        }
        if report.checksumMatches == false {
            console.warning("The destination changed since the diff; applying anyway (--force)")
        }
        let verb = report.isDryRun ? "Would apply" : "Applied"
        console.line(
            "\(verb) \(patch) to \(destination.description): \(report.inserted) inserted, \(report.updated) updated, "
                + "\(report.deleted) deleted"
        )
        if !report.conflicts.isEmpty {
            let how = options.strategy == .ours ? "skipped" : "applied anyway"
            console.line("\(report.conflicts.count) conflicting operations \(how):")
            for conflict in report.conflicts.prefix(conflictLimit) { console.line("  \(conflict)") }
            if report.conflicts.count > conflictLimit {
                console.line("  … and \(report.conflicts.count - conflictLimit) more")
            }
        }
        return .success
    }
}
