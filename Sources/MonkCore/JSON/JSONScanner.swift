/// The byte-level cursor every JSON reader in MonkCore shares: the tree parser, the canonical checker and the
/// canonical writer.
///
/// It reads a borrowed buffer through a raw pointer (no bounds checks in the hot loops; every read is guarded
/// by `position < count`), validates as it goes, and turns a failure into a ``JSONError`` with line, column and
/// byte offset. Line and column are computed only when an error is made, so the happy path never counts lines.
struct JSONScanner {
    /// The first byte of the input; valid for `count` bytes while the scanner lives.
    let base: UnsafePointer<UInt8>
    /// The number of input bytes.
    let count: Int
    /// The offset of the next byte to read.
    var position: Int = 0

    /// Wraps `base[0..<count]`; `count` may be 0 (then `base` is never read).
    init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    /// The byte at `position`, or 0 at the end (NUL is never valid outside a string, so callers that see 0
    /// check `isAtEnd` only to pick the error message).
    @inline(__always)
    var current: UInt8 { position < count ? base[position] : 0 }

    /// Whether all input has been consumed.
    @inline(__always)
    var isAtEnd: Bool { position >= count }

    /// Skips JSON whitespace (space, tab, line feed, carriage return).
    @inline(__always)
    mutating func skipWhitespace() {
        while position < count {
            let byte = base[position]
            guard byte <= ASCII.space,
                byte == ASCII.space || byte == ASCII.lineFeed || byte == ASCII.carriageReturn || byte == ASCII.tab
            else { return }
            position += 1
        }
    }

    /// Consumes the literal `true`, `false` or `null` whose first byte is at `position`.
    ///
    /// The common case compares the first four bytes as one word; a mismatch falls back to the byte loop,
    /// which finds the offending byte for the error.
    @inline(__always)
    mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let length = literal.utf8CodeUnitCount
        let bytes = literal.utf8Start
        if position &+ length <= count {
            let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt32.self)
            let expected = UnsafeRawPointer(bytes).loadUnaligned(as: UInt32.self)
            if word == expected && (length == 4 || base[position &+ 4] == bytes[4]) {
                position &+= length
                return
            }
        }
        try expectLiteralSlowly(literal)
    }

    /// ``expectLiteral(_:)`` byte by byte, failing at the first byte that differs.
    private mutating func expectLiteralSlowly(_ literal: StaticString) throws(JSONError) {
        let length = literal.utf8CodeUnitCount
        let bytes = literal.utf8Start
        for index in 0..<length {
            let offset = position + index
            guard offset < count, base[offset] == bytes[index] else {
                throw unexpected(expected: "'\(literal)'", at: offset)
            }
        }
        position += length
    }

    /// Consumes `byte` or fails with `expected <what>, found …`.
    @inline(__always)
    mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws(JSONError) {
        guard position < count, base[position] == byte else {
            throw unexpected(expected: what())
        }
        position += 1
    }

    /// The input bytes `start..<end` as a raw buffer.
    @inline(__always)
    func bytes(_ start: Int, _ end: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + start, count: end - start)
    }
}

// MARK: - Errors

extension JSONScanner {
    /// An error of `code` at `offset`, with line and column computed from the input.
    func error(_ code: JSONError.Code, _ message: String, at offset: Int) -> JSONError {
        let clamped = min(max(offset, 0), count)
        var line = 1
        var lineStart = 0
        for index in 0..<clamped where base[index] == ASCII.lineFeed {
            line += 1
            lineStart = index + 1
        }
        return JSONError(code: code, message: message, line: line, column: clamped - lineStart + 1, offset: clamped)
    }

    /// `expected <what>, found <the byte at position>`, coded as an unexpected end or byte.
    func unexpected(expected what: String) -> JSONError {
        unexpected(expected: what, at: position)
    }

    /// `expected <what>, found <the byte at offset>`, coded as an unexpected end or byte.
    func unexpected(expected what: String, at offset: Int) -> JSONError {
        if offset >= count {
            return error(.unexpectedEnd, "expected \(what), found end of input", at: offset)
        }
        return error(.unexpectedByte, "expected \(what), found \(describeByte(at: offset))", at: offset)
    }

    /// A short, safe description of one input byte: `'x'` for printable ASCII, else `byte 0xNN`.
    func describeByte(at offset: Int) -> String {
        guard offset < count else { return "end of input" }
        let byte = base[offset]
        if byte > ASCII.space && byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x\(byte < 0x10 ? "0" : "")\(hex)"
    }
}

/// ASCII bytes the JSON readers and writers name.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let period: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let upperE: UInt8 = 0x45
    static let openBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let closeBracket: UInt8 = 0x5D
    static let lowerE: UInt8 = 0x65
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
}

// MARK: - Skipping containers

extension JSONScanner {
    /// Moves past the object or array whose opening bracket is at `position`, by bracket counting over
    /// validated strings, and returns the offset after its closing bracket; `nil` when the input ends first.
    /// Nothing but the strings is validated: the caller checks the content (parser, canonicalizer) afterwards.
    ///
    /// - Throws: ``JSONError`` for a malformed string inside.
    mutating func skipContainer() throws(JSONError) -> Int? {
        var depth = 0
        while !isAtEnd {
            let byte = current
            if byte == ASCII.quote {
                _ = try scanString()
                continue
            }
            position += 1
            if byte == ASCII.openBrace || byte == ASCII.openBracket {
                depth += 1
            } else if byte == ASCII.closeBrace || byte == ASCII.closeBracket {
                depth -= 1
                if depth == 0 { return position }
            }
        }
        return nil
    }
}
