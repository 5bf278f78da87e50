/// Parses JSON text (RFC 8259, strictly) into a ``JSONValue``.
///
/// The parser reads bytes, never `Character`s: it validates UTF-8 itself and rejects overlong forms, surrogates
/// encoded in UTF-8, truncated sequences and code points past U+10FFFF; lone `\u` surrogates; duplicate keys
/// (compared by UTF-8 bytes); trailing commas; `NaN`/`Infinity`; leading zeros; raw control characters in
/// strings; nesting deeper than ``Options/maximumDepth``. Numbers keep their exact decimal value. Any input,
/// however broken, gives a value or a ``JSONError`` with line, column, byte offset and what was expected.
///
/// ```swift
/// let value = try JSONParser.parse(#"{"b": 1.50, "a": [true, null]}"#)
/// value.canonicalString   // {"a":[true,null],"b":1.5}
/// ```
package enum JSONParser {
    /// Limits the parser enforces.
    package struct Options: Sendable, Equatable {
        /// The deepest nesting of arrays and objects accepted; a top-level `[]` has depth 1.
        ///
        /// Values above ``JSONParser/depthCeiling`` are treated as the ceiling, so that no input can exhaust
        /// the stack of the (recursive) parser.
        package var maximumDepth: Int

        /// - Parameter maximumDepth: the deepest nesting accepted (default 512).
        package init(maximumDepth: Int = JSONParser.defaultMaximumDepth) {
            self.maximumDepth = maximumDepth
        }

        /// The depth limit actually enforced.
        var effectiveMaximumDepth: Int { min(max(maximumDepth, 0), JSONParser.depthCeiling) }
    }

    /// The default nesting limit.
    package static let defaultMaximumDepth = 512
    /// The largest nesting limit honoured, whatever ``Options/maximumDepth`` says.
    package static let depthCeiling = 10_000

    /// Parses one JSON document from raw bytes.
    ///
    /// - Parameters:
    ///   - bytes: the whole document (leading and trailing whitespace allowed).
    ///   - options: limits; the default accepts nesting up to 512 levels.
    /// - Returns: the value.
    /// - Throws: ``JSONError`` naming the first problem and where it is.
    package static func parse(_ bytes: UnsafeRawBufferPointer, options: Options = Options()) throws(JSONError)
        -> JSONValue
    {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw JSONError(
                code: .unexpectedEnd,
                message: "expected a value, found end of input",
                line: 1,
                column: 1,
                offset: 0
            )
        }
        let scanner = JSONScanner(base: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        var builder = JSONTreeBuilder(scanner: scanner, maximumDepth: options.effectiveMaximumDepth)
        let value = try builder.parseValue(depth: 0)
        builder.scanner.skipWhitespace()
        guard builder.scanner.isAtEnd else {
            throw builder.scanner.error(
                .trailingData,
                "unexpected \(builder.scanner.describeByte(at: builder.scanner.position)) after the document",
                at: builder.scanner.position
            )
        }
        return value
    }

    /// Parses one JSON document from an array of bytes; see ``parse(_:options:)-(UnsafeRawBufferPointer,_)``.
    package static func parse(_ bytes: [UInt8], options: Options = Options()) throws(JSONError) -> JSONValue {
        try bytes.withUnsafeBytes { raw in Result { () throws(JSONError) in try parse(raw, options: options) } }.get()
    }

    /// Parses one JSON document from a slice of bytes (offsets in errors count from the slice's start).
    package static func parse(_ bytes: ArraySlice<UInt8>, options: Options = Options()) throws(JSONError)
        -> JSONValue
    {
        try bytes.withUnsafeBytes { raw in Result { () throws(JSONError) in try parse(raw, options: options) } }.get()
    }

    /// Parses one JSON document from text.
    package static func parse(_ text: String, options: Options = Options()) throws(JSONError) -> JSONValue {
        var text = text
        return try text.withUTF8 { utf8 in
            Result { () throws(JSONError) in try parse(UnsafeRawBufferPointer(utf8), options: options) }
        }.get()
    }
}

/// The recursive descent that builds a ``JSONValue`` tree over a ``JSONScanner``.
private struct JSONTreeBuilder {
    var scanner: JSONScanner
    let maximumDepth: Int
    /// Reused buffer for strings with escapes.
    var scratch: [UInt8] = []
    /// Key offsets of the objects being read (a stack shared by all levels), for duplicate-key errors.
    var keyOffsets: [Int] = []

    init(scanner: JSONScanner, maximumDepth: Int) {
        self.scanner = scanner
        self.maximumDepth = maximumDepth
    }

    mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
        scanner.skipWhitespace()
        switch scanner.current {
        case ASCII.quote: return .string(try parseString())
        case ASCII.minus, ASCII.zero...ASCII.nine: return .number(scanner.number(try scanner.scanNumber()))
        case ASCII.openBrace: return .object(try parseObject(depth: depth + 1))
        case ASCII.openBracket: return .array(try parseArray(depth: depth + 1))
        case UInt8(ascii: "t"):
            try scanner.expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try scanner.expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try scanner.expectLiteral("null")
            return .null
        default:
            throw scanner.unexpected(expected: "a value")
        }
    }

    mutating func parseString() throws(JSONError) -> String {
        let token = try scanner.scanString()
        if token.escapes == .none {
            return String(decoding: scanner.bytes(token.start, token.end), as: UTF8.self)
        }
        scratch.removeAll(keepingCapacity: true)
        scanner.appendContent(of: token, canonical: false, to: &scratch)
        return String(decoding: scratch, as: UTF8.self)
    }

    mutating func parseArray(depth: Int) throws(JSONError) -> [JSONValue] {
        try checkDepth(depth)
        scanner.position += 1
        scanner.skipWhitespace()
        var elements: [JSONValue] = []
        if scanner.current == ASCII.closeBracket {
            scanner.position += 1
            return elements
        }
        while true {
            elements.append(try parseValue(depth: depth))
            scanner.skipWhitespace()
            if scanner.current == ASCII.comma {
                scanner.position += 1
                scanner.skipWhitespace()
                if scanner.current == ASCII.closeBracket { throw scanner.unexpected(expected: "a value after ','") }
            } else if scanner.current == ASCII.closeBracket {
                scanner.position += 1
                return elements
            } else {
                throw scanner.unexpected(expected: "',' or ']' after array element")
            }
        }
    }

    mutating func parseObject(depth: Int) throws(JSONError) -> JSONObject {
        try checkDepth(depth)
        scanner.position += 1
        scanner.skipWhitespace()
        if scanner.current == ASCII.closeBrace {
            scanner.position += 1
            return JSONObject()
        }
        var members: [JSONObject.Member] = []
        let offsetBase = keyOffsets.count
        defer { keyOffsets.removeSubrange(offsetBase...) }
        var isSorted = true
        while true {
            scanner.skipWhitespace()
            guard scanner.current == ASCII.quote else {
                throw scanner.unexpected(expected: members.isEmpty ? "a string key or '}'" : "a string key after ','")
            }
            keyOffsets.append(scanner.position)
            let key = try parseString()
            scanner.skipWhitespace()
            try scanner.expect(ASCII.colon, "':' after object key")
            let value = try parseValue(depth: depth)
            if isSorted, let last = members.last, !JSONObject.precedes(last.key, key) { isSorted = false }
            members.append((key, value))
            scanner.skipWhitespace()
            if scanner.current == ASCII.comma {
                scanner.position += 1
            } else if scanner.current == ASCII.closeBrace {
                scanner.position += 1
                break
            } else {
                throw scanner.unexpected(expected: "',' or '}' after object member")
            }
        }
        if !isSorted { members = try sorted(members, offsetBase: offsetBase) }
        return JSONObject(sortedMembers: members)
    }

    /// `members` in UTF-8 key order; a key seen twice is an error at its later occurrence.
    private func sorted(_ members: [JSONObject.Member], offsetBase: Int) throws(JSONError) -> [JSONObject.Member] {
        let order = members.indices.sorted { JSONObject.precedes(members[$0].key, members[$1].key) }
        for (a, b) in zip(order, order.dropFirst()) where members[a].key.utf8.elementsEqual(members[b].key.utf8) {
            let offset = max(keyOffsets[offsetBase + a], keyOffsets[offsetBase + b])
            throw scanner.error(.duplicateKey, "duplicate key \"\(members[a].key.prefix(40))\"", at: offset)
        }
        return order.map { members[$0] }
    }

    private func checkDepth(_ depth: Int) throws(JSONError) {
        guard depth <= maximumDepth else {
            throw scanner.error(.tooDeep, "nesting deeper than \(maximumDepth) levels", at: scanner.position)
        }
    }
}
