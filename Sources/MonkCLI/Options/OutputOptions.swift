import MonkCommandLine
import MonkCore

/// How a command prints: the global `--json` and `--quiet` flags applied to the console (DESIGN.md §12).
///
/// Results go to standard output: pretty JSON for API results, or one compact JSON document on one line with
/// `--json`. Status messages (`✓ …`) go to standard error and are left out with `--quiet`; warnings and
/// failures are always shown.
///
/// ```swift
/// let output = OutputOptions(context)
/// output.result(.array(records))
/// output.success("created 3 records in account")
/// ```
struct OutputOptions: Sendable {
    let console: Console
    /// `--json`: print one compact JSON document instead of pretty JSON or text.
    let isJSON: Bool
    /// `--quiet`: no status messages.
    let isQuiet: Bool

    init(console: Console, isJSON: Bool, isQuiet: Bool) {
        self.console = console
        self.isJSON = isJSON
        self.isQuiet = isQuiet
    }

    /// The output settings of a running command.
    init(_ context: CommandContext) {
        self.init(
            console: context.console,
            isJSON: context.parsed.flag("json"),
            isQuiet: context.parsed.flag("quiet")
        )
    }

    /// Prints `value` on standard output: pretty JSON (two spaces, sorted keys), or canonical JSON on one line
    /// with `--json`.
    func result(_ value: JSONValue) {
        if isJSON {
            console.line(value.canonicalString)
        } else {
            console.out(value.prettyString)
        }
    }

    /// Prints `text` for people, or `value` as one compact JSON line with `--json`.
    func result(text: String, json value: JSONValue) {
        if isJSON {
            console.line(value.canonicalString)
        } else {
            console.out(text.hasSuffix("\n") || text.isEmpty ? text : text + "\n")
        }
    }

    /// `✓ message` on standard error, unless `--quiet`.
    func success(_ message: String) {
        if !isQuiet { console.success(message) }
    }

    /// `⚠ message` on standard error (always).
    func warning(_ message: String) {
        console.warning(message)
    }

    /// `✗ message` on standard error (always).
    func failure(_ message: String) {
        console.failure(message)
    }
}
