import MonkCore
import MonkSync
import Synchronization
import Testing

/// The progress reporter and its formatting, driven by a fake clock.
@Suite struct TransferProgressTests {
    /// A clock the test moves, and the text the reporter wrote.
    final class Recorder: Sendable {
        let now = Mutex(0.0)
        let text = Mutex("")

        func reporter(_ mode: ProgressMode) -> ProgressReporter {
            ProgressReporter(
                mode: mode,
                write: { line in self.text.withLock { $0 += line } },
                clock: { self.now.withLock { $0 } },
                width: 10
            )
        }
    }

    @Test(arguments: [
        (0, 1, "[░░░░░░░░░░]"), (5, 10, "[█████░░░░░]"), (10, 10, "[██████████]"), (3, 0, "[██████████]"),
    ])
    func barFillsByShareDone(done: Int, total: Int, expected: String) {
        #expect(ProgressFormat.bar(done: done, total: total, width: 10) == expected)
    }

    @Test(arguments: zip([0.2, 59, 75, 7384], ["0:01", "0:59", "1:15", "2:03:04"]))
    func durationsReadAsClockTime(seconds: Double, expected: String) {
        #expect(ProgressFormat.duration(seconds) == expected)
    }

    @Test func largeCountsAreGrouped() {
        #expect(ProgressFormat.grouped(1_234_567) == "1,234,567")
        #expect(ProgressFormat.counts(done: 999, total: 1000) == "999/1,000 records")
    }

    @Test func jsonLinesCarryRateAndETA() throws {
        let recorder = Recorder()
        let reporter = recorder.reporter(.json)
        recorder.now.withLock { $0 = 2 }
        reporter.update(done: 500, total: 1000, phase: "apply")
        recorder.now.withLock { $0 = 2.5 }
        reporter.update(done: 600, total: 1000, phase: "apply")  // throttled: under a second later
        recorder.now.withLock { $0 = 4 }
        reporter.update(done: 1000, total: 1000, phase: "apply")
        reporter.finish()
        let lines = recorder.text.withLock { $0 }.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first == #"{"done":500,"elapsed_ms":2000,"eta_s":2,"phase":"apply","rate":250,"total":1000}"#)
        #expect(lines.last?.contains(#""phase":"done""#) == true)
    }

    @Test func barRedrawsInPlaceAndEndsTheLine() {
        let recorder = Recorder()
        let reporter = recorder.reporter(.bar)
        recorder.now.withLock { $0 = 1 }
        reporter.update(done: 5, total: 10, phase: "apply")
        reporter.finish()
        let text = recorder.text.withLock { $0 }
        #expect(text.hasPrefix("\r[█████░░░░░] 5/10 records  5 rec/s  ETA 0:01"))
        #expect(text.hasSuffix("\n"))
    }

    @Test func noneWritesNothing() {
        let recorder = Recorder()
        let reporter = recorder.reporter(.none)
        reporter.update(done: 1, total: 1, phase: "apply")
        reporter.finish()
        #expect(recorder.text.withLock { $0 }.isEmpty)
    }

    @Test(arguments: [
        (String?.none, true, false, ProgressMode.bar), (nil, false, false, .none), (nil, true, true, .none),
        ("json", false, false, .json), ("bar", false, true, .bar),
    ])
    func modeFollowsFlagTerminalAndQuiet(flag: String?, terminal: Bool, quiet: Bool, expected: ProgressMode) {
        #expect(ProgressMode.resolve(flag: flag, isTerminal: terminal, isQuiet: quiet) == expected)
    }
}
