import MonkCore
import Synchronization

/// Turns progress updates into lines on standard error: a bar with done/total, rate and ETA (redrawn in
/// place with `\r`), or JSON lines for scripts (DESIGN.md §12). Updates are throttled, so callers may
/// report as often as they like; the clock is passed in, so tests drive it.
///
/// ```swift
/// let reporter = ProgressReporter(mode: .json, write: { console.err($0) }, clock: { monotonicSeconds() })
/// reporter.update(done: 500, total: 1_000, phase: "apply")
/// reporter.finish()
/// ```
package final class ProgressReporter: Sendable {
    private let mode: ProgressMode
    private let write: @Sendable (String) -> Void
    private let clock: @Sendable () -> Double
    private let interval: Double
    private let width: Int
    private let state: Mutex<State>

    private struct State {
        var started: Double
        var lastDraw = -Double.infinity
        var hasBar = false
        var last: (done: Int, total: Int?, phase: String, sides: Sides?) = (0, nil, "", nil)
    }

    /// - Parameters:
    ///   - write: receives the text to put on standard error.
    ///   - clock: seconds on a monotonic clock.
    ///   - interval: the least time between two drawn updates (seconds).
    ///   - width: the bar's width in characters.
    package init(
        mode: ProgressMode,
        write: @escaping @Sendable (String) -> Void,
        clock: @escaping @Sendable () -> Double,
        interval: Double? = nil,
        width: Int = 30
    ) {
        self.mode = mode
        self.write = write
        self.clock = clock
        self.interval = interval ?? (mode == .json ? 1 : 0.1)
        self.width = width
        state = Mutex(State(started: clock()))
    }

    /// Records read from each side of a diff, shown beside the total.
    package typealias Sides = (source: Int, destination: Int)

    /// Reports `done` of `total` (unknown when `nil`) in `phase`, with each side's share when `sides` is given;
    /// drawn unless the last draw was too recent and nothing finished.
    package func update(done: Int, total: Int?, phase: String, sides: Sides? = nil) {
        guard mode != .none else { return }
        let now = clock()
        let text: String? = state.withLock { state in
            state.last = (done, total, phase, sides)
            let isComplete = total.map { done >= $0 } ?? false
            guard isComplete || now - state.lastDraw >= interval else { return nil }
            state.lastDraw = now
            if mode == .bar { state.hasBar = true }
            return render(done: done, total: total, phase: phase, sides: sides, elapsed: now - state.started)
        }
        if let text { write(text) }
    }

    /// Ends the bar's line (so the summary starts on a fresh one), or writes the last JSON line.
    package func finish() {
        guard mode != .none else { return }
        let now = clock()
        let text: String? = state.withLock { state in
            switch mode {
            case .bar: return state.hasBar ? "\n" : nil
            case .json:
                let last = state.last
                return render(
                    done: last.done,
                    total: last.total,
                    phase: "done",
                    sides: last.sides,
                    elapsed: now - state.started
                )
            case .none: return nil
            }
        }
        if let text { write(text) }
    }

    /// One drawn update.
    private func render(done: Int, total: Int?, phase: String, sides: Sides?, elapsed: Double) -> String {
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = total.flatMap { total in rate > 0 ? Double(max(0, total - done)) / rate : nil }
        if mode == .json {
            var object: JSONObject = [
                "phase": .string(phase), "done": .number(JSONNumber(done)),
                "rate": .number(JSONNumber(Int(rate.rounded()))),
                "elapsed_ms": .number(JSONNumber(Int((elapsed * 1000).rounded()))),
            ]
            if let total { object["total"] = .number(JSONNumber(total)) }
            if let eta { object["eta_s"] = .number(JSONNumber(Int(eta.rounded(.up)))) }
            if let sides {
                object["source"] = .number(JSONNumber(sides.source))
                object["destination"] = .number(JSONNumber(sides.destination))
            }
            return JSONValue.object(object).canonicalString + "\n"
        }
        return "\r" + ProgressFormat.bar(done: done, total: total, width: width) + " "
            + ProgressFormat.counts(done: done, total: total)
            + (sides.map { " (\(ProgressFormat.grouped($0.source)) + \(ProgressFormat.grouped($0.destination)))" } ?? "")
            + "  " + ProgressFormat.rate(rate) + "  "
            + (eta.map { "ETA " + ProgressFormat.duration($0) } ?? phase) + "\u{1B}[K"
    }
}
