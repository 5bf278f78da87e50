/// The process exit status of a `monk` run: the one place that maps results and errors to DESIGN.md §12.
package struct ExitStatus: Hashable, Sendable, CustomStringConvertible {
    /// The number the process exits with.
    package let code: Int32
    /// What the number means, as the man page's EXIT STATUS section lists it.
    package let meaning: String

    private init(_ code: Int32, _ meaning: String) {
        self.code = code
        self.meaning = meaning
    }

    package var description: String { "\(code)" }

    /// Success; for `sync diff`, no differences.
    package static let success = ExitStatus(0, "success; sync diff: no differences")
    /// `sync diff` found differences; `sync patch` stopped on conflicts and applied nothing.
    package static let differences = ExitStatus(
        1,
        "sync diff: differences found; sync patch: conflicts (nothing applied)"
    )
    /// Unknown command or option, or a bad value.
    package static let usage = ExitStatus(2, "usage error (unknown command or option, bad value)")
    /// A server name, tenant, model, file or patch target does not exist.
    package static let notFound = ExitStatus(3, "not found (server name, tenant, model, file, patch target)")
    /// Authentication or permission refused.
    package static let permission = ExitStatus(4, "authentication or permission refused")
    /// Network or temporary failure after retries.
    package static let network = ExitStatus(
        5,
        "network or temporary failure after retries (connection, timeout, 429/503)"
    )
    /// The server rejected the request.
    package static let rejected = ExitStatus(6, "the server rejected the request (validation, conflict, 5xx)")
    /// Malformed input data.
    package static let badInput = ExitStatus(
        7,
        "bad input data (malformed JSON/JSONL/YAML/ZIP, checksum mismatch, missing id)"
    )
    /// A safety guard stopped the run.
    package static let guardStopped = ExitStatus(
        8,
        "a safety guard stopped the run (--max-delete, empty source, destination changed since the diff)"
    )
    /// Interrupted by Ctrl-C; partial work is checkpointed.
    package static let interrupted = ExitStatus(
        130,
        "interrupted (Ctrl-C); partial work is checkpointed, rerun resumes"
    )

    /// Every status, in numeric order, for the man page and `--help`.
    package static let all: [ExitStatus] = [
        .success, .differences, .usage, .notFound, .permission, .network, .rejected, .badInput, .guardStopped,
        .interrupted,
    ]
}
