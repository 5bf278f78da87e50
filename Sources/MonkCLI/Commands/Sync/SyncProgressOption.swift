import Dispatch
import MonkCommandLine
import MonkSync

/// `--progress[=MODE]` of `sync diff` and `sync patch`, and the reporter it turns into (DESIGN.md §12): a bar
/// on a terminal unless `--quiet`, JSON lines with `--progress=json`, nothing otherwise.
///
/// ```swift
/// let reporter = SyncProgressOption.reporter(context)
/// reporter.update(done: 10_000, total: nil, phase: "diff")
/// reporter.finish()
/// ```
enum SyncProgressOption {
    /// The option, spelled as the transfer commands spell theirs.
    static let spec = OptionSpec(
        long: "progress",
        kind: .optionalValue(implicitValue: "bar"),
        valueName: "MODE",
        type: .choice(["bar", "json", "none"]),
        abstract: "Show progress: a bar (default on a terminal) or JSON lines on standard error (json)."
    )

    /// A reporter writing to the command's standard error in the mode the flags and the terminal ask for.
    static func reporter(_ context: CommandContext) -> ProgressReporter {
        let mode = ProgressMode.resolve(
            flag: context.parsed.value("progress"),
            isTerminal: context.console.isInteractive,
            isQuiet: context.parsed.flag("quiet")
        )
        return ProgressReporter(
            mode: mode ?? .none,
            write: { [console = context.console] in console.err($0) },
            clock: { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        )
    }

    /// Reports a diff's progress: records read on both sides, with an ETA when both totals are known.
    static func update(_ reporter: ProgressReporter, with progress: DiffProgress) {
        reporter.update(
            done: progress.done,
            total: progress.total,
            phase: "diff",
            sides: (progress.sourceRecords, progress.destinationRecords)
        )
    }
}
