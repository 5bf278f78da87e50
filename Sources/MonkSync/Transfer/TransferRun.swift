import Foundation
import Synchronization

/// Runs a transfer's jobs (one per model for multi-model endpoints), at most ``concurrency`` at a time, in
/// two phases: plan every job (diff, strategy, guards), then apply. So a guard that stops any job stops the
/// run before anything is written (exit status 8), and once any job has failed, the jobs applied after it
/// delete nothing.
///
/// ```swift
/// let run = TransferRun(transfer: transfer, concurrency: 4, checkpoint: checkpoint)
/// let summary = try await run.run(jobs) { progress in reporter.update(progress) }
/// ```
package struct TransferRun: Sendable {
    package var transfer: Transfer
    /// Jobs diffed or applied at once (`--concurrency`).
    package var concurrency: Int
    /// Where progress is recorded for a rerun, or `nil`.
    package var checkpoint: TransferCheckpoint?

    package init(transfer: Transfer, concurrency: Int = 1, checkpoint: TransferCheckpoint? = nil) {
        self.transfer = transfer
        self.concurrency = max(1, concurrency)
        self.checkpoint = checkpoint
    }

    /// Plans and applies `jobs`.
    ///
    /// A job that fails is reported in ``TransferSummary/failures`` and the others go on (without deletes).
    /// The checkpoint is written when the apply starts and after each job, and removed when every job
    /// succeeded; a dry run leaves it alone.
    ///
    /// - Parameters:
    ///   - startedAt: the run's start, ISO 8601 UTC, for the checkpoint.
    ///   - confirm: asked with the whole plan before anything is applied (`--diff-first`); `false` ends the
    ///     run with ``TransferSummary/isDeclined`` set and nothing written.
    ///   - progress: called with the operations applied so far and the total.
    /// - Throws: ``SyncError`` `.guardStopped` before any write; `CancellationError` on Ctrl-C (the
    ///   checkpoint stays behind).
    package func run(
        _ jobs: [TransferJob],
        startedAt: String,
        confirm: @Sendable (TransferPlan) async throws -> Bool = { _ in true },
        progress: @escaping @Sendable (TransferProgress) -> Void = { _ in }
    ) async throws -> TransferSummary {
        let state = SharedRunState()
        var summary = TransferSummary(resumed: transfer.isDryRun ? nil : checkpoint?.load())
        let paths = jobs.map { _ in transfer.temporaryPath("apply") }
        defer { for path in paths { _ = unlink(path) } }
        let plans = try await forEach(Array(jobs.indices)) { index -> TransferPlan? in
            try await failingSoftly(jobs[index], state) {
                progress(TransferProgress(phase: .diff, label: jobs[index].label, done: 0, total: nil))
                return try await transfer.plan(jobs[index], into: paths[index])
            }
        }
        try Task.checkCancellation()
        let whole = plans.compactMap { $0 }.reduce(into: TransferPlan()) { $0.add($1) }
        guard try await confirm(whole) else {
            summary.isDeclined = true
            summary.outcomes = zip(jobs, plans).compactMap { job, plan in
                plan.map { TransferOutcome(label: job.label, plan: $0, applied: nil) }
            }
            return summary
        }
        let base = TransferCheckpoint.State(startedAt: summary.resumed?.startedAt ?? startedAt, total: whole.changes)
        if !transfer.isDryRun { try checkpoint?.save(base) }
        progress(TransferProgress(phase: .apply, label: "", done: 0, total: whole.changes))
        let outcomes = try await forEach(Array(jobs.indices)) { index -> TransferOutcome? in
            guard let plan = plans[index] else { return nil }
            return try await failingSoftly(jobs[index], state) {
                try await apply(jobs[index], index: index, path: paths[index], plan: plan, base: base, state) {
                    progress(TransferProgress(phase: .apply, label: jobs[index].label, done: $0, total: base.total))
                }
            }
        }
        let final = state.withLock { $0 }
        summary.outcomes = outcomes.compactMap { $0 }
        summary.failures = final.failures
        if !transfer.isDryRun {
            if final.failures.isEmpty {
                checkpoint?.remove()
            } else {
                try checkpoint?.save(final.checkpoint(base))
            }
        }
        return summary
    }

    /// Applies one planned job, withholding its deletes when another job has failed, and records its
    /// progress (`progress` gets the operations committed in the whole run).
    private func apply(
        _ job: TransferJob,
        index: Int,
        path: String,
        plan planned: TransferPlan,
        base: TransferCheckpoint.State,
        _ state: SharedRunState,
        progress: @escaping @Sendable (Int) -> Void
    ) async throws -> TransferOutcome {
        var plan = planned
        if state.withLock({ !$0.failures.isEmpty }) && plan.deletes > 0 {
            plan = try await withholdDeletes(at: path, plan: plan)
        }
        let outcome = try await transfer.apply(job, patchAt: path, plan: plan) { committed in
            let current = state.withLock { state in
                state.inFlight[index] = committed
                return state
            }
            progress(current.done)
            if !transfer.isDryRun { try checkpoint?.save(current.checkpoint(base)) }
        }
        let done = state.withLock { state in
            state.inFlight[index] = nil
            state.applied += plan.changes
            state.finished.append(job.label)
            return state.done
        }
        progress(done)
        return outcome
    }

    /// Runs `body` for `job`; an error other than a guard or an interruption is recorded as the job's
    /// failure and gives `nil`, so the other jobs go on.
    private func failingSoftly<T>(
        _ job: TransferJob,
        _ state: SharedRunState,
        _ body: () async throws -> T
    ) async throws -> T? {
        do {
            return try await body()
        } catch let error as SyncError where error.code == .guardStopped {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            // A transport cut short by Ctrl-C fails with its own error; the run is interrupted all the same.
            if Task.isCancelled { throw CancellationError() }
            state.withLock { $0.failures.append(TransferFailure(label: job.label, error: error)) }
            return nil
        }
    }

    /// Re-filters a planned patch without its deletes.
    private func withholdDeletes(at path: String, plan: TransferPlan) async throws -> TransferPlan {
        let copy = transfer.temporaryPath("withheld")
        defer { _ = unlink(copy) }
        var filtered = try await PatchFilter(strategy: .replace, withholdsDeletes: true).filter(
            patchAt: path,
            into: copy
        )
        guard rename(copy, path) == 0 else {
            throw SyncError(code: .io, message: "\(path): cannot replace the temporary patch")
        }
        filtered.sourceCount = plan.sourceCount
        filtered.skipped = plan.skipped
        return filtered
    }

    /// Runs `body` for every element, at most ``concurrency`` at once, and returns the results in order.
    private func forEach<T: Sendable>(
        _ indices: [Int],
        _ body: @escaping @Sendable (Int) async throws -> T
    ) async throws -> [T] {
        try await withThrowingTaskGroup(of: (Int, T).self) { group in
            var results: [Int: T] = [:]
            var next = 0
            while next < indices.count && next < concurrency {
                let index = indices[next]
                group.addTask { (index, try await body(index)) }
                next += 1
            }
            while let (index, result) = try await group.next() {
                results[index] = result
                if next < indices.count {
                    let index = indices[next]
                    group.addTask { (index, try await body(index)) }
                    next += 1
                }
            }
            return indices.compactMap { results[$0] }
        }
    }
}

/// The mutable part of a run behind a lock, shared by its concurrent jobs and their batch callbacks.
private final class SharedRunState: Sendable {
    private let mutex = Mutex(RunState())

    /// Runs `body` with the state locked.
    func withLock<T: Sendable>(_ body: (inout RunState) -> T) -> T { mutex.withLock { body(&$0) } }
}

/// What a run has done so far.
private struct RunState: Sendable {
    var failures: [TransferFailure] = []
    var applied = 0
    /// Operations committed so far by the jobs still applying, by job index.
    var inFlight: [Int: Int] = [:]
    var finished: [String] = []

    /// Operations committed in the whole run so far.
    var done: Int { applied + inFlight.values.reduce(0, +) }

    /// The checkpoint of this state in a run that began as `base`.
    func checkpoint(_ base: TransferCheckpoint.State) -> TransferCheckpoint.State {
        TransferCheckpoint.State(startedAt: base.startedAt, total: base.total, applied: done, finished: finished)
    }
}
