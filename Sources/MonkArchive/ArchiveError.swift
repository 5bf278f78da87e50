/// Why a local file (YAML, JSONL, ZIP archive, snapshot) could not be read or written.
///
/// The message names the file and, where known, the line or entry; it never quotes record bodies.
package struct ArchiveError: Error, Sendable, CustomStringConvertible {
    /// The broad kind of failure; compare with the static members.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        package var description: String { name }

        /// The file or entry does not exist.
        package static let notFound = Code("not found")
        /// The content is malformed (bad JSON, YAML, ZIP, checksum mismatch).
        package static let invalidData = Code("invalid data")
        /// An archive entry name would escape the target directory.
        package static let unsafeEntryName = Code("unsafe entry name")
        /// The operating system refused a read or write.
        package static let io = Code("I/O error")
    }

    package var code: Code
    package var message: String

    package init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}
