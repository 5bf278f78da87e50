import Foundation

/// Moves records from a source to a destination (`sync pull`, `push`, `copy`): diff into a temporary patch,
/// keep what the strategy applies, check the safety guards, apply through the destination's ``PatchTarget``;
/// or, for a job with a ``TransferStream`` whose destination is empty, write the source straight into it.
///
/// Because every run diffs again, a rerun after an interruption finds only what was not yet committed, so it
/// resumes without redoing work and ends with the same data as an uninterrupted run. A dry run goes through
/// the same apply code with writing turned off, so it reports exactly what a real run applies.
///
/// ```swift
/// let transfer = Transfer(strategy: .merge, safety: SafetyGuard(), isDryRun: false)
/// let outcome = try await transfer.run(job)
/// print(outcome.applied?.inserted ?? 0)
/// ```
package struct Transfer: Sendable {
    package var strategy: TransferStrategy
    package var safety: SafetyGuard
    /// Report what would change; write nothing.
    package var isDryRun: Bool
    /// Where the temporary patches go.
    package var workDirectory: String

    package init(
        strategy: TransferStrategy,
        safety: SafetyGuard,
        isDryRun: Bool,
        workDirectory: String = NSTemporaryDirectory()
    ) {
        self.strategy = strategy
        self.safety = safety
        self.isDryRun = isDryRun
        self.workDirectory = workDirectory
    }

    /// Diffs, filters and checks `job`, and returns the plan without applying it (`--diff-first` shows it
    /// before asking). The filtered patch is left at `applyPath`.
    ///
    /// - Throws: ``SyncError`` `.guardStopped` when a guard stops the run; what the diff throws.
    package func plan(
        _ job: TransferJob,
        into applyPath: String,
        withholdingDeletes: Bool = false
    ) async throws -> TransferPlan {
        if let direct = try await directPlan(job) {
            try safety.check(direct, destination: job.destination)
            return direct
        }
        let diffPath = temporaryPath("diff")
        defer { removeQuietly(diffPath) }
        _ = try await job.diff(diffPath)
        let filter = PatchFilter(strategy: strategy, withholdsDeletes: withholdingDeletes)
        let plan = try await filter.filter(patchAt: diffPath, into: applyPath)
        try safety.check(plan, destination: job.destination)
        return plan
    }

    /// Runs `job`: plan, then apply (or, with ``isDryRun``, check and count).
    ///
    /// - Parameter withholdingDeletes: leave out deletes because an earlier part of the run failed.
    /// - Throws: ``SyncError`` `.guardStopped` before any write when a guard stops the run, or
    ///   `.destinationChanged` when the destination changed between the diff and the apply; what the diff
    ///   and the target throw; `CancellationError` when the task is cancelled (Ctrl-C).
    package func run(_ job: TransferJob, withholdingDeletes: Bool = false) async throws -> TransferOutcome {
        let applyPath = temporaryPath("apply")
        defer { removeQuietly(applyPath) }
        let plan = try await plan(job, into: applyPath, withholdingDeletes: withholdingDeletes)
        return try await apply(job, patchAt: applyPath, plan: plan)
    }

    /// Applies a patch made by ``plan(_:into:withholdingDeletes:)``; `onBatch` hears of each committed batch.
    package func apply(
        _ job: TransferJob,
        patchAt path: String,
        plan: TransferPlan,
        onBatch: @escaping TransferJob.BatchHandler = { _ in }
    ) async throws -> TransferOutcome {
        guard plan.changes > 0 else { return TransferOutcome(label: job.label, plan: plan, applied: nil) }
        if plan.isDirect, let stream = job.stream {
            return try await applyDirect(job, stream: stream, plan: plan, onBatch: onBatch)
        }
        // The diff just read the destination, so its before-images are current: a conflict here means a
        // concurrent writer, and the checksum check (exit 8) catches a destination that changed meanwhile.
        let options = ApplyOptions(strategy: .theirs, isDryRun: isDryRun)
        let report = try await job.target(onBatch).apply(patchAt: path, options: options)
        return TransferOutcome(label: job.label, plan: plan, applied: report)
    }

    /// A fresh path for a temporary patch in ``workDirectory``.
    package func temporaryPath(_ kind: String) -> String {
        let directory = workDirectory.hasSuffix("/") ? workDirectory : workDirectory + "/"
        return directory + "monk-transfer-\(kind)-\(UUID().uuidString).patch"
    }

    private func removeQuietly(_ path: String) {
        // A temporary patch that cannot be removed is left in the temporary directory; the run's result stands.
        _ = unlink(path)
    }
}
