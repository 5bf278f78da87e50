/// Why a JSON text is not a usable record.
///
/// The message names the problem (`record has no "id"`, `record "id" is a number, expected a string`, or the
/// JSON error with its position) and never the record's content; callers prefix the file and line.
package struct RecordError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem; compare with the static members (`error.code == .missingID`).
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        package var description: String { name }

        /// The text is not valid JSON; ``RecordError/json`` says where.
        package static let invalidJSON = Code("invalid JSON")
        /// The document is valid JSON but not an object.
        package static let notAnObject = Code("not an object")
        /// The object has no `id` member.
        package static let missingID = Code("missing id")
        /// The `id` member is not a non-empty string.
        package static let invalidID = Code("invalid id")
    }

    package var code: Code
    /// What is wrong, safe to show.
    package var message: String
    /// The parser's error when `code` is `.invalidJSON`.
    package var json: JSONError?

    package init(code: Code, message: String, json: JSONError? = nil) {
        self.code = code
        self.message = message
        self.json = json
    }

    /// Wraps a parser error.
    package init(_ json: JSONError) {
        self.init(code: .invalidJSON, message: "invalid JSON at \(json)", json: json)
    }

    package var description: String { message }
}
