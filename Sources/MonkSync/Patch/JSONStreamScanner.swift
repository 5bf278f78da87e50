import MonkCore

/// Reads one JSON document as a sequence of values from a byte stream, without holding the whole document:
/// the patch reader uses it to walk the top-level object and the `operations` array element by element.
///
/// It finds where each value ends (tracking strings and nesting) and hands its bytes to ``JSONParser``, so
/// memory holds one value at a time. Positions are 1-based line numbers for messages.
struct JSONStreamScanner {
    private let path: String
    private let file: FileReader
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var position = 0
    private var end = 0
    /// The line of the next unread byte.
    private(set) var line = 1
    private static let maximumValueLength = 256 << 20

    init(file: FileReader) {
        path = file.path
        self.file = file
    }

    /// The next byte after whitespace, without consuming it; `nil` at the end of the input.
    mutating func peek() throws -> UInt8? {
        while true {
            if position == end {
                guard try refill() else { return nil }
            }
            let byte = buffer[position]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): position += 1
            case UInt8(ascii: "\n"):
                position += 1
                line += 1
            default: return byte
            }
        }
    }

    /// Consumes `byte` after whitespace, or throws naming what was expected.
    mutating func expect(_ byte: UInt8, _ what: String) throws {
        guard try peek() == byte else { throw error("expected \(what)") }
        position += 1
    }

    /// Consumes the next byte after whitespace if it is `byte`.
    mutating func skip(_ byte: UInt8) throws -> Bool {
        guard try peek() == byte else { return false }
        position += 1
        return true
    }

    /// The next complete value, parsed.
    mutating func value() throws -> JSONValue {
        let bytes = try valueBytes()
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw self.error("invalid JSON: \(error.message)")
        }
    }

    /// The bytes of the next complete value (object, array, string or scalar).
    private mutating func valueBytes() throws -> [UInt8] {
        guard let first = try peek() else { throw error("unexpected end of the file") }
        var bytes: [UInt8] = []
        var depth = 0
        var inString = false
        var escaped = false
        let isScalar = first != UInt8(ascii: "{") && first != UInt8(ascii: "[") && first != UInt8(ascii: "\"")
        while true {
            if position == end {
                guard try refill() else {
                    if isScalar && !bytes.isEmpty { return bytes }
                    throw error("unexpected end of the file inside a value")
                }
            }
            let byte = buffer[position]
            if isScalar {
                if Self.endsScalar(byte) { return bytes }
            } else if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
            }
            if byte == UInt8(ascii: "\n") { line += 1 }
            bytes.append(byte)
            position += 1
            if !isScalar && !inString && depth == 0 { return bytes }
            if bytes.count > Self.maximumValueLength { throw error("a value is larger than 256 MiB") }
        }
    }

    /// An error naming the file and the current line.
    func error(_ message: String) -> SyncError {
        SyncError.invalidData(path, line: line, message)
    }

    private static func endsScalar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: " "), UInt8(ascii: "\n"),
            UInt8(ascii: "\r"), UInt8(ascii: "\t"):
            true
        default: false
        }
    }

    private mutating func refill() throws -> Bool {
        let count = try buffer.withUnsafeMutableBytes { try file.read(into: $0) }
        position = 0
        end = count
        return count > 0
    }
}
