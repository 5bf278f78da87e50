/// A command line that cannot be run as typed: unknown command or option, missing or bad value.
///
/// The CLI prints `message`, then `suggestion` when there is one ("did you mean `--dry-run`?"), then the usage of
/// `commandPath`, all on stderr, and exits with status 2.
package struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the offending word: ``unknown option `--dry-rn` for `monk sync patch` ``.
    package var message: String
    /// The nearest valid spelling or the allowed values, when one is close enough to help.
    package var suggestion: String?
    /// The command whose usage explains the fix, e.g. `["sync", "patch"]`; empty for the root.
    package var commandPath: [String]

    package init(_ message: String, suggestion: String? = nil, commandPath: [String]) {
        self.message = message
        self.suggestion = suggestion
        self.commandPath = commandPath
    }

    package var description: String { message }
}
