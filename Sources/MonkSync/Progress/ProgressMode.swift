/// How a long-running command shows progress (DESIGN.md §12): a bar on a terminal, JSON lines for
/// scripts, or nothing.
package enum ProgressMode: String, Sendable, CaseIterable {
    /// A redrawn line: done/total, rate, ETA.
    case bar
    /// One JSON object a line (`--progress=json`).
    case json
    /// Nothing (the default off a terminal, and with `--quiet`).
    case none

    /// The mode for `--progress[=VALUE]` (`nil` when absent), a terminal on standard error, and `--quiet`.
    ///
    /// - Returns: `.json` for `--progress=json`; `.bar` for `--progress`, or on a terminal without
    ///   `--quiet`; `.none` otherwise. `nil` when `value` is not `bar`, `json` or empty.
    package static func resolve(flag value: String?, isTerminal: Bool, isQuiet: Bool) -> ProgressMode? {
        switch value {
        case nil: isTerminal && !isQuiet ? .bar : ProgressMode.none
        case "", "bar", "true": .bar
        case "json": .json
        case "none", "false": ProgressMode.none
        default: nil
        }
    }
}
