import Foundation
import MonkClient
import MonkCore
import MonkSync

/// Runs the jobs of `sync pull`, `push` or `copy` the way every transfer command does: checkpoint, progress,
/// `--diff-first` confirmation, Ctrl-C (checkpoint kept, exit 130), and the closing summary or `--json`.
///
/// ```swift
/// let driver = TransferDriver(context, options: options, command: "sync copy", source: src, destination: dst)
/// let (summary, status) = try await driver.run(jobs)
/// ```
struct TransferDriver {
    let context: CommandContext
    let options: TransferOptions
    /// `sync copy`, for the checkpoint key and the summary.
    let command: String
    let source: String
    let destination: String

    init(_ context: CommandContext, options: TransferOptions, command: String, source: String, destination: String) {
        self.context = context
        self.options = options
        self.command = command
        self.source = source
        self.destination = destination
    }

    /// Runs `jobs` and reports the result.
    ///
    /// - Returns: the summary, and the exit status: success, the first failed job's, or interrupted.
    /// - Throws: ``SyncError`` `.guardStopped` (exit 8) when a guard or an unanswered `--diff-first` stops
    ///   the run before any write.
    func run(_ jobs: [TransferJob]) async throws -> (TransferSummary, ExitStatus) {
        let output = OutputOptions(context)
        let started = Date()
        let reporter = ProgressReporter(
            mode: options.progress,
            write: { [console = context.console] in console.err($0) },
            clock: { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        )
        let run = TransferRun(
            transfer: Transfer(strategy: options.strategy, safety: options.safety, isDryRun: options.isDryRun),
            concurrency: options.concurrency,
            checkpoint: try checkpoint()
        )
        let confirmation = TransferConfirmation(context, options: options, destination: destination)
        let task = Task {
            try await run.run(
                jobs,
                startedAt: ISO8601DateFormatter().string(from: started),
                confirm: { plan in try await confirmation.confirm(plan) },
                progress: { reporter.update(done: $0.done, total: $0.total, phase: $0.phase.rawValue) }
            )
        }
        let summary: TransferSummary
        do {
            summary = try await InterruptSignal.cancelling(task) { try await task.value }
        } catch is CancellationError {
            reporter.finish()
            context.console.failure("Interrupted; progress is checkpointed: run the same command again to resume")
            return (TransferSummary(), .interrupted)
        }
        reporter.finish()
        if let resumed = summary.resumed, !output.isQuiet {
            context.console.err(
                "Resumed an interrupted run from \(resumed.startedAt) "
                    + "(\(resumed.applied) of \(resumed.total) operations were applied then)\n"
            )
        }
        for failure in summary.failures {
            context.console.failure("\(failure.label): \(ExitStatus.message(for: failure.error))")
        }
        TransferReportRenderer(output: output, command: command, source: source, destination: destination)
            .render(summary, options: options, seconds: Date().timeIntervalSince(started))
        let status = summary.failures.first.map { ExitStatus.of($0.error) } ?? .success
        return (summary, status)
    }

    /// The checkpoint of this command and endpoints, under the config dir.
    private func checkpoint() throws -> TransferCheckpoint {
        let store = try ConfigStore(environment: context.environment)
        return TransferCheckpoint(
            directory: store.directory + "/checkpoints",
            command: command,
            source: source,
            destination: destination
        )
    }
}
