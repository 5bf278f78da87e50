import Foundation

/// Where a command's output goes: results on standard output, messages on standard error (DESIGN.md §12).
///
/// Commands never call `print`; they write through a console, so tests can capture what a run printed and the
/// CLI decides once whether colour and progress are appropriate.
package final class Console: Sendable {
    /// Receives text written to one stream.
    package typealias Sink = @Sendable (String) -> Void

    private let writeOut: Sink
    private let writeErr: Sink
    /// Whether standard error is a terminal (colours and progress bars only then).
    package let isInteractive: Bool
    /// Whether to colour messages (`NO_COLOR` and `--no-color` turn it off).
    package let usesColor: Bool

    package init(out: @escaping Sink, err: @escaping Sink, isInteractive: Bool, usesColor: Bool) {
        writeOut = out
        writeErr = err
        self.isInteractive = isInteractive
        self.usesColor = usesColor
    }

    /// The process's real streams; colour when standard error is a terminal and `NO_COLOR` is unset.
    package static func standard(environment: [String: String]) -> Console {
        let interactive = isatty(STDERR_FILENO) == 1
        return Console(
            out: { FileHandle.standardOutput.write(Data($0.utf8)) },
            err: { FileHandle.standardError.write(Data($0.utf8)) },
            isInteractive: interactive,
            usesColor: interactive && environment["NO_COLOR"].map(\.isEmpty) ?? true
        )
    }

    /// Writes `text` to standard output as is.
    package func out(_ text: String) { writeOut(text) }

    /// Writes `text` to standard output followed by a newline.
    package func line(_ text: String = "") { writeOut(text + "\n") }

    /// Writes `text` to standard error as is.
    package func err(_ text: String) { writeErr(text) }

    /// `✓ message` on standard error.
    package func success(_ message: String) { writeErr(paint("✓", 32) + " " + message + "\n") }

    /// `⚠ message` on standard error.
    package func warning(_ message: String) { writeErr(paint("⚠", 33) + " " + message + "\n") }

    /// `✗ message` on standard error.
    package func failure(_ message: String) { writeErr(paint("✗", 31) + " " + message + "\n") }

    /// `text` in the ANSI colour `code` when colour is on.
    private func paint(_ text: String, _ code: Int) -> String {
        usesColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
