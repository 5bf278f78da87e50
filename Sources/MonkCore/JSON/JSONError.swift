/// Why a JSON text was rejected, and where.
///
/// The message is safe to show a user: it names the position and what was expected, never more than a few
/// bytes of the input itself. Callers that know the file name prefix it (`users.jsonl:12: …`).
package struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad kind of failure; compare with the static members (`error.code == .invalidUTF8`).
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        package var description: String { name }

        /// A byte that cannot start or continue the value being read.
        package static let unexpectedByte = Code("unexpected byte")
        /// The input ended inside a value.
        package static let unexpectedEnd = Code("unexpected end of input")
        /// Bytes that are not valid UTF-8 (overlong forms, surrogates, truncated sequences).
        package static let invalidUTF8 = Code("invalid UTF-8")
        /// A malformed `\` escape, or a `\u` escape that forms a lone surrogate.
        package static let invalidEscape = Code("invalid escape")
        /// A malformed number, or one whose exponent is out of range.
        package static let invalidNumber = Code("invalid number")
        /// The same key twice in one object.
        package static let duplicateKey = Code("duplicate key")
        /// Nesting deeper than the parser's limit.
        package static let tooDeep = Code("nesting too deep")
        /// A control character (below U+0020) inside a string.
        package static let controlCharacter = Code("control character in string")
        /// Non-whitespace after the end of the document.
        package static let trailingData = Code("trailing data")
        /// A line or document larger than the reader's limit.
        package static let tooLarge = Code("too large")
    }

    package var code: Code
    /// What went wrong, e.g. `expected ',' or '}' after object member`.
    package var message: String
    /// 1-based line of the offending byte.
    package var line: Int
    /// 1-based column (in bytes) of the offending byte.
    package var column: Int
    /// 0-based byte offset of the offending byte from the start of the input.
    package var offset: Int

    package init(code: Code, message: String, line: Int, column: Int, offset: Int) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset
    }

    package var description: String { "line \(line), column \(column) (byte \(offset)): \(message)" }
}
