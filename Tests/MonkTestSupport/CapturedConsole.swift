import MonkCLI
import Synchronization

/// A console for in-process CLI runs that keeps what a command wrote to each stream.
package final class CapturedOutput: Sendable {
    private let streams = Mutex<(out: String, err: String)>(("", ""))

    package init() {}

    /// Everything written to standard output so far.
    package var out: String { streams.withLock { $0.out } }
    /// Everything written to standard error so far.
    package var err: String { streams.withLock { $0.err } }

    /// A non-interactive, colourless console writing into this capture.
    package var console: Console {
        Console(
            out: { text in self.streams.withLock { $0.out += text } },
            err: { text in self.streams.withLock { $0.err += text } },
            isInteractive: false,
            usesColor: false
        )
    }
}
