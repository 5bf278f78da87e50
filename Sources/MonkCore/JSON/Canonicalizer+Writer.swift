/// The second pass of ``Canonicalizer``: validates any JSON text and writes its canonical bytes.
///
/// Members are written in input order; an object whose keys arrive out of order is rearranged afterwards by
/// moving whole member byte ranges, so no tree is built. Errors match ``JSONParser``'s.
struct CanonicalWriter {
    var scanner: JSONScanner
    let maximumDepth: Int
    /// The members of the objects being written (a stack shared by all levels), in output coordinates.
    var stack: [Canonicalizer.MemberSpan]
    /// Reused buffer for reordering members.
    var scratch: [UInt8]
    /// The canonical bytes written so far.
    var out: [UInt8] = []
    /// The members of the top-level object, once written.
    var topLevel: [Canonicalizer.MemberSpan] = []

    init(scanner: JSONScanner, maximumDepth: Int, stack: [Canonicalizer.MemberSpan], scratch: [UInt8]) {
        self.scanner = scanner
        self.maximumDepth = maximumDepth
        self.stack = stack
        self.scratch = scratch
        self.stack.removeAll(keepingCapacity: true)
    }

    /// Writes the whole document, which must be one value with optional surrounding whitespace.
    mutating func writeDocument() throws(JSONError) {
        try writeValue(depth: 0)
        scanner.skipWhitespace()
        guard scanner.isAtEnd else {
            throw scanner.error(
                .trailingData,
                "unexpected \(scanner.describeByte(at: scanner.position)) after the document",
                at: scanner.position
            )
        }
    }

    mutating func writeValue(depth: Int) throws(JSONError) {
        scanner.skipWhitespace()
        switch scanner.current {
        case ASCII.quote: try writeString()
        case ASCII.minus, ASCII.zero...ASCII.nine: scanner.appendCanonical(try scanner.scanNumber(), to: &out)
        case ASCII.openBrace: try writeObject(depth: depth + 1)
        case ASCII.openBracket: try writeArray(depth: depth + 1)
        case UInt8(ascii: "t"): try writeLiteral("true")
        case UInt8(ascii: "f"): try writeLiteral("false")
        case UInt8(ascii: "n"): try writeLiteral("null")
        default: throw scanner.unexpected(expected: "a value")
        }
    }

    private mutating func writeLiteral(_ literal: StaticString) throws(JSONError) {
        try scanner.expectLiteral(literal)
        out.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Writes the string at `position`; returns whether its canonical text contains a backslash.
    @discardableResult
    private mutating func writeString() throws(JSONError) -> Bool {
        let token = try scanner.scanString()
        out.append(ASCII.quote)
        if token.escapes == .other {
            let start = out.count
            scanner.appendContent(of: token, canonical: true, to: &out)
            out.append(ASCII.quote)
            return out[start...].contains(ASCII.backslash)
        }
        out.append(contentsOf: scanner.bytes(token.start, token.end))
        out.append(ASCII.quote)
        return token.escapes != .none
    }

    private mutating func writeArray(depth: Int) throws(JSONError) {
        try checkDepth(depth)
        scanner.position += 1
        out.append(ASCII.openBracket)
        scanner.skipWhitespace()
        if scanner.current == ASCII.closeBracket {
            scanner.position += 1
            out.append(ASCII.closeBracket)
            return
        }
        while true {
            try writeValue(depth: depth)
            scanner.skipWhitespace()
            if scanner.current == ASCII.comma {
                scanner.position += 1
                out.append(ASCII.comma)
                scanner.skipWhitespace()
                if scanner.current == ASCII.closeBracket { throw scanner.unexpected(expected: "a value after ','") }
            } else if scanner.current == ASCII.closeBracket {
                scanner.position += 1
                out.append(ASCII.closeBracket)
                return
            } else {
                throw scanner.unexpected(expected: "',' or ']' after array element")
            }
        }
    }

    private mutating func writeObject(depth: Int) throws(JSONError) {
        try checkDepth(depth)
        scanner.position += 1
        out.append(ASCII.openBrace)
        let stackBase = stack.count
        defer { stack.removeSubrange(stackBase...) }
        var isSorted = true
        scanner.skipWhitespace()
        if scanner.current == ASCII.closeBrace {
            scanner.position += 1
        } else {
            while true {
                let member = try writeMember(depth: depth, isFirst: stack.count == stackBase)
                if isSorted, stack.count > stackBase, let last = stack.last, compare(last, member) >= 0 {
                    isSorted = false
                }
                stack.append(member)
                scanner.skipWhitespace()
                if scanner.current == ASCII.comma {
                    scanner.position += 1
                    out.append(ASCII.comma)
                } else if scanner.current == ASCII.closeBrace {
                    scanner.position += 1
                    break
                } else {
                    throw scanner.unexpected(expected: "',' or '}' after object member")
                }
            }
        }
        if !isSorted { try reorderMembers(from: stackBase) }
        out.append(ASCII.closeBrace)
        if depth == 1 { topLevel = Array(stack[stackBase...]) }
    }

    /// Writes one `"key":value` member and returns where it lies.
    private mutating func writeMember(depth: Int, isFirst: Bool) throws(JSONError) -> Canonicalizer.MemberSpan {
        scanner.skipWhitespace()
        guard scanner.current == ASCII.quote else {
            throw scanner.unexpected(expected: isFirst ? "a string key or '}'" : "a string key after ','")
        }
        let sourceOffset = scanner.position
        let keyStart = out.count + 1
        let keyHasEscapes = try writeString()
        let keyEnd = out.count - 1
        scanner.skipWhitespace()
        try scanner.expect(ASCII.colon, "':' after object key")
        out.append(ASCII.colon)
        try writeValue(depth: depth)
        return .init(
            keyStart: keyStart,
            keyEnd: keyEnd,
            end: out.count,
            keyHasEscapes: keyHasEscapes,
            sourceOffset: sourceOffset
        )
    }

    /// Rewrites the members `stack[stackBase...]` (the tail of `out`) in key order; equal keys are an error.
    private mutating func reorderMembers(from stackBase: Int) throws(JSONError) {
        let first = stack[stackBase].keyStart - 1
        let order = (stackBase..<stack.count).sorted { compare(stack[$0], stack[$1]) < 0 }
        for (a, b) in zip(order, order.dropFirst()) where compare(stack[a], stack[b]) == 0 {
            let offset = max(stack[a].sourceOffset, stack[b].sourceOffset)
            let key = String(decoding: out[stack[a].keyStart..<stack[a].keyEnd].prefix(40), as: UTF8.self)
            throw scanner.error(.duplicateKey, "duplicate key \"\(key)\"", at: offset)
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: out[first...])
        out.removeSubrange(first...)
        var sorted: [Canonicalizer.MemberSpan] = []
        sorted.reserveCapacity(order.count)
        for index in order {
            if !sorted.isEmpty { out.append(ASCII.comma) }
            var member = stack[index]
            let shift = out.count - (member.keyStart - 1)
            out.append(contentsOf: scratch[(member.keyStart - 1 - first)..<(member.end - first)])
            member.keyStart += shift
            member.keyEnd += shift
            member.end += shift
            sorted.append(member)
        }
        stack.replaceSubrange(stackBase..., with: sorted)
    }

    /// Compares the keys of two written members by their UTF-8 bytes.
    private func compare(_ a: Canonicalizer.MemberSpan, _ b: Canonicalizer.MemberSpan) -> Int {
        out.withUnsafeBytes { bytes in
            CanonicalKeys.compare(
                UnsafeRawBufferPointer(rebasing: bytes[a.keyStart..<a.keyEnd]),
                a.keyHasEscapes,
                UnsafeRawBufferPointer(rebasing: bytes[b.keyStart..<b.keyEnd]),
                b.keyHasEscapes
            )
        }
    }

    private func checkDepth(_ depth: Int) throws(JSONError) {
        guard depth <= maximumDepth else {
            throw scanner.error(.tooDeep, "nesting deeper than \(maximumDepth) levels", at: scanner.position)
        }
    }
}
