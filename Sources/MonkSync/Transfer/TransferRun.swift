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
        let state = Mutex(RunState())
        var summary = TransferSummary(resumed: transfer.isDryRun ? nil : checkpoint?.load())
        let paths = jobs.map { _ in transfer.temporaryPath("apply") }
        defer { for path in paths { _ = unlink(path) } }
        let plans = try await forEach(Array(jobs.indices)) { index -> TransferPlan? in
            do {
                progress(TransferProgress(phase: .diff, label: jobs[index].label, done: 0, total: nil))
                return try await transfer.plan(jobs[index], into: paths[index])
            } catch let error as SyncError where error.code == .guardStopped {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // A transport cut short by Ctrl-C fails with its own error; the run is interrupted all the same.
                if Task.isCancelled { throw CancellationError() }
                state.withLock { $0.failures.append(TransferFailure(label: jobs[index].label, error: error)) }
                return nil
            }
        }
        try Task.checkCancellation()
        let total = plans.compactMap { $0?.changes }.reduce(0, +)
        let whole = plans.compactMap { $0 }.reduce(into: TransferPlan()) { $0.add($1) }
        guard try await confirm(whole) else {
            summary.isDeclined = true
            summary.outcomes = zip(jobs, plans).compactMap { job, plan in
                plan.map { TransferOutcome(label: job.label, plan: $0, applied: nil) }
            }
            return summary
        }
        var checkpointState = TransferCheckpoint.State(startedAt: summary.resumed?.startedAt ?? startedAt, total: total)
        if !transfer.isDryRun { try checkpoint?.save(checkpointState) }
        progress(TransferProgress(phase: .apply, label: "", done: 0, total: total))
        let outcomes = try await forEach(Array(jobs.indices)) { index -> TransferOutcome? in
            guard var plan = plans[index] else { return nil }
            do {
                let job = jobs[index]
                if state.withLock({ !$0.failures.isEmpty }) && plan.deletes > 0 {
                    plan = try await withholdDeletes(at: paths[index], plan: plan)
                }
                let outcome = try await transfer.apply(job, patchAt: paths[index], plan: plan)
                let done = state.withLock { state -> Int in
                    state.applied += plan.changes
                    state.finished.append(job.label)
                    return state.applied
                }
                progress(TransferProgress(phase: .apply, label: job.label, done: done, total: total))
                return outcome
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // A transport cut short by Ctrl-C fails with its own error; the run is interrupted all the same.
                if Task.isCancelled { throw CancellationError() }
                state.withLock { $0.failures.append(TransferFailure(label: jobs[index].label, error: error)) }
                return nil
            }
        }
        let final = state.withLock { $0 }
        summary.outcomes = outcomes.compactMap { $0 }
        summary.failures = final.failures
        checkpointState.applied = final.applied
        checkpointState.finished = final.finished
        if !transfer.isDryRun {
            if final.failures.isEmpty { checkpoint?.remove() } else { try checkpoint?.save(checkpointState) }
        }
        return summary
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

/// The mutable part of a run, shared by its concurrent jobs.
private struct RunState: Sendable {
    var failures: [TransferFailure] = []
    var applied = 0
    var finished: [String] = []
}
