/// Why a sync run could not read, compare or apply records.
///
/// The message is safe to show: it names the file, line, model and record id, never a record's content or a
/// credential. Compare `code` with the static members; the CLI maps each code to an exit status.
///
/// ```swift
/// SyncError(code: .invalidData, message: "users.jsonl:12: duplicate id 'u7' (first on line 3)")
/// ```
package struct SyncError: Error, Sendable, CustomStringConvertible {
    /// The broad kind of failure.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        package var description: String { name }

        /// A file, directory, model or patch target does not exist or cannot be opened.
        package static let notFound = Code("not found")
        /// Malformed records, patch files or ordering that cannot be repaired (exit 7).
        package static let invalidData = Code("invalid data")
        /// The destination changed since the diff (checksum mismatch without `--force`).
        package static let destinationChanged = Code("destination changed")
        /// A safety guard stopped the run before it wrote anything (`--max-delete`, an empty source; exit 8).
        package static let guardStopped = Code("guard stopped")
        /// The endpoint or combination is not supported (a remote endpoint without a server, stdin as a
        /// patch target, several models where one is needed).
        package static let unsupported = Code("unsupported")
        /// A command-line value is malformed (a `--filter` that is not a where object).
        package static let invalidArgument = Code("invalid argument")
        /// The server refused an operation for a reason other than a conflict (validation, permissions).
        package static let rejected = Code("rejected")
        /// The operating system refused a read or write.
        package static let io = Code("I/O error")
        /// A JSONL stream turned out unsorted; the reader can reopen it indexed (internal to MonkSync).
        static let unsorted = Code("unsorted")
    }

    package var code: Code
    package var message: String
    /// For `.unsorted`: the endpoint to reopen indexed.
    var unsortedEndpoint: String?

    package init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}

extension SyncError {
    /// An error naming `file` and `line`: `users.jsonl:12: message`.
    static func invalidData(_ file: String, line: Int, _ message: String) -> SyncError {
        SyncError(code: .invalidData, message: "\(file):\(line): \(message)")
    }

    /// The error for a path that does not exist or cannot be read.
    static func notFound(_ path: String, _ reason: String = "no such file or directory") -> SyncError {
        SyncError(code: .notFound, message: "\(path): \(reason)")
    }
}
