/// Why the client configuration could not be read, written or used.
///
/// Messages say how to fix the problem (`no server named `prod`; known: local, staging`) and never contain a
/// token.
package struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem; compare with the static members.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        package var description: String { name }

        /// A server name that is not configured.
        package static let unknownServer = Code("unknown server")
        /// No server given and none is current.
        package static let noServer = Code("no server")
        /// A name or URL that breaks the rules (`config server add`).
        package static let invalidValue = Code("invalid value")
        /// `config.json` is not valid JSON or not in the expected shape.
        package static let malformed = Code("malformed config")
        /// The file or directory could not be read or written.
        package static let io = Code("I/O")
        /// No configuration directory can be derived (no `HOME` and no override).
        package static let noDirectory = Code("no config directory")
    }

    package var code: Code
    package var message: String

    package init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }

    /// The exit-status category (DESIGN.md §12): unknown or missing servers are "not found", a broken file is
    /// bad input, invalid values are bad input too, I/O failures are reported as bad input of the config file.
    package var category: FailureCategory {
        switch code {
        case .unknownServer, .noServer: .notFound
        default: .badInput
        }
    }
}
