/// The second pass of ``Canonicalizer``: validates any JSON text and writes its canonical bytes.
///
/// Input that is already canonical is not written byte by byte: it accumulates as a *pending run* of input
/// bytes that is copied in one piece when something must change (whitespace to drop, a string or number to
/// respell, an object to reorder). An object whose keys arrive out of order is rearranged by moving whole member
/// byte ranges, so no tree is built. Errors match ``JSONParser``'s.
struct CanonicalWriter {
    var scanner: JSONScanner
    let maximumDepth: Int
    /// Buffers reused from one document to the next.
    struct Buffers {
        /// The members of the objects being written (a stack shared by all levels), in output coordinates.
        var stack: [MemberSpan] = []
        /// The members of the top-level object, once written.
        var topLevel: [MemberSpan] = []
        /// For reordering members: their bytes, their sort order, key prefixes in that order.
        var scratch: [UInt8] = []
        var order: [Int] = []
        var prefixes: [UInt64] = []
        /// Recently sorted key orders (records from one source share their key order), see `cachedOrder`.
        var shapes = ShapeCache()
    }

    /// Empty until the caller swaps its reusable buffers in (then calls ``prepare()``).
    var buffers = Buffers()
    /// The canonical bytes written so far; the pending run `input[runStart..<position]` follows them.
    var out: [UInt8] = []
    /// Start of the input bytes that are canonical as they are and not yet copied to `out`.
    private var runStart = 0

    init(scanner: JSONScanner, maximumDepth: Int) {
        self.scanner = scanner
        self.maximumDepth = maximumDepth
    }

    /// Empties the member lists of buffers swapped in from a previous document.
    mutating func prepare() {
        buffers.stack.removeAll(keepingCapacity: true)
        buffers.topLevel.removeAll(keepingCapacity: true)
    }

    /// Where the byte at the scanner's position lands in the output.
    @inline(__always)
    private var outputPosition: Int { out.count + scanner.position - runStart }

    /// Copies the pending run up to `end` into `out`.
    @inline(__always)
    private mutating func flush(upTo end: Int) {
        if end > runStart { out.append(contentsOf: scanner.bytes(runStart, end)) }
        runStart = end
    }

    /// Skips whitespace, cutting it out of the output.
    @inline(__always)
    private mutating func skipWhitespace() {
        let start = scanner.position
        scanner.skipWhitespace()
        if scanner.position != start {
            flush(upTo: start)
            runStart = scanner.position
        }
    }

    /// Writes the whole document, which must be one value with optional surrounding whitespace.
    mutating func writeDocument() throws(JSONError) {
        try writeValue(depth: 0)
        skipWhitespace()
        guard scanner.isAtEnd else {
            throw scanner.error(
                .trailingData,
                "unexpected \(scanner.describeByte(at: scanner.position)) after the document",
                at: scanner.position
            )
        }
        flush(upTo: scanner.count)
    }

    mutating func writeValue(depth: Int) throws(JSONError) {
        skipWhitespace()
        switch scanner.current {
        case ASCII.quote: _ = try writeString()
        case ASCII.minus, ASCII.zero...ASCII.nine:
            let token = try scanner.scanNumber()
            if !token.isCanonical {
                flush(upTo: token.start)
                scanner.appendCanonical(token, to: &out)
                runStart = token.end
            }
        case ASCII.openBrace: try writeObject(depth: depth + 1)
        case ASCII.openBracket: try writeArray(depth: depth + 1)
        case UInt8(ascii: "t"): try scanner.expectLiteral("true")
        case UInt8(ascii: "f"): try scanner.expectLiteral("false")
        case UInt8(ascii: "n"): try scanner.expectLiteral("null")
        default: throw scanner.unexpected(expected: "a value")
        }
    }

    /// Writes the string at the scanner's position; returns its token and whether its canonical text contains a
    /// backslash.
    private mutating func writeString() throws(JSONError) -> (StringToken, Bool) {
        let token = try scanner.scanString()
        guard token.escapes == .other else { return (token, token.escapes == .canonical) }
        flush(upTo: token.start)
        let start = out.count
        scanner.appendContent(of: token, canonical: true, to: &out)
        runStart = token.end
        return (token, out[start...].contains(ASCII.backslash))
    }

    private mutating func writeArray(depth: Int) throws(JSONError) {
        try checkDepth(depth)
        scanner.position += 1
        skipWhitespace()
        if scanner.current == ASCII.closeBracket {
            scanner.position += 1
            return
        }
        while true {
            try writeValue(depth: depth)
            skipWhitespace()
            if scanner.current == ASCII.comma {
                scanner.position += 1
                skipWhitespace()
                if scanner.current == ASCII.closeBracket { throw scanner.unexpected(expected: "a value after ','") }
            } else if scanner.current == ASCII.closeBracket {
                scanner.position += 1
                return
            } else {
                throw scanner.unexpected(expected: "',' or ']' after array element")
            }
        }
    }

    private mutating func writeObject(depth: Int) throws(JSONError) {
        try checkDepth(depth)
        scanner.position += 1
        let stackBase = buffers.stack.count
        defer { if buffers.stack.count > stackBase { buffers.stack.removeSubrange(stackBase...) } }
        var isSorted = true
        skipWhitespace()
        if scanner.current != ASCII.closeBrace {
            while true {
                let member = try writeMember(depth: depth, isFirst: buffers.stack.count == stackBase)
                if isSorted, buffers.stack.count > stackBase, let last = buffers.stack.last,
                    scanner.compare(last, member) >= 0
                {
                    isSorted = false
                }
                buffers.stack.append(member)
                skipWhitespace()
                if scanner.current == ASCII.comma {
                    scanner.position += 1
                } else if scanner.current == ASCII.closeBrace {
                    break
                } else {
                    throw scanner.unexpected(expected: "',' or '}' after object member")
                }
            }
        }
        if !isSorted {
            flush(upTo: scanner.position)
            // Only the top-level members' new positions are needed (for record hashing).
            try reorderMembers(from: stackBase, recordingSpans: depth == 1)
        } else if depth == 1 {
            buffers.topLevel.append(contentsOf: buffers.stack[stackBase...])
        }
        scanner.position += 1
    }

    /// Writes one `"key":value` member and returns where it lies.
    private mutating func writeMember(depth: Int, isFirst: Bool) throws(JSONError) -> MemberSpan {
        skipWhitespace()
        guard scanner.current == ASCII.quote else {
            throw scanner.unexpected(expected: isFirst ? "a string key or '}'" : "a string key after ','")
        }
        let keyStart = outputPosition + 1
        let (key, keyHasEscapes) = try writeString()
        let keyEnd = outputPosition - 1
        skipWhitespace()
        try scanner.expect(ASCII.colon, "':' after object key")
        try writeValue(depth: depth)
        return MemberSpan(
            keyStart: keyStart,
            keyEnd: keyEnd,
            end: outputPosition,
            keyHasEscapes: keyHasEscapes,
            inputKey: key,
            keyPrefix: scanner.keyPrefix(of: key)
        )
    }

    /// Rewrites the members `stack[stackBase...]` (the tail of `out`) in key order; equal keys are an error.
    ///
    /// The members keep their total length (the same commas, in other places), so they are moved in place:
    /// the region is copied aside once, then each member is copied back to its sorted position. With
    /// `recordingSpans`, the members' new spans go to `buffers.topLevel`.
    private mutating func reorderMembers(from stackBase: Int, recordingSpans: Bool) throws(JSONError) {
        let first = buffers.stack[stackBase].keyStart - 1
        if !sortOrder(from: stackBase) { try checkDuplicates() }
        // The scratch buffer only grows; the region is copied into its first `count` bytes.
        let count = out.count - first
        if buffers.scratch.count < count {
            buffers.scratch.append(contentsOf: repeatElement(0, count: count - buffers.scratch.count))
        }
        out.withUnsafeBytes { region in
            buffers.scratch.withUnsafeMutableBytes { scratch in
                guard let target = scratch.baseAddress, let source = region.baseAddress else { return }
                target.copyMemory(from: source + first, byteCount: count)
            }
        }
        buffers.scratch.withUnsafeBytes { source in
            out.withUnsafeMutableBytes { target in
                buffers.stack.withUnsafeBufferPointer { members in
                    guard let sourceBase = source.baseAddress, let targetBase = target.baseAddress else { return }
                    var cursor = first
                    for index in buffers.order {
                        if cursor > first {
                            target[cursor] = ASCII.comma
                            cursor += 1
                        }
                        let start = members[index].keyStart - 1
                        let count = members[index].end - start
                        (targetBase + cursor).copyMemory(from: sourceBase + (start - first), byteCount: count)
                        if recordingSpans {
                            var member = members[index]
                            let shift = cursor - start
                            member.keyStart += shift
                            member.keyEnd += shift
                            member.end += shift
                            buffers.topLevel.append(member)
                        }
                        cursor += count
                    }
                }
            }
        }
    }

    /// Fails at the first key that equals its neighbour in `buffers.order` (only possible when key prefixes
    /// tie, so whole keys are compared only then).
    private func checkDuplicates() throws(JSONError) {
        let order = buffers.order
        for position in 1..<order.count where buffers.prefixes[position - 1] == buffers.prefixes[position] {
            let (a, b) = (buffers.stack[order[position - 1]], buffers.stack[order[position]])
            guard scanner.compare(a, b) == 0 else { continue }
            let key = String(decoding: out[b.keyStart..<b.keyEnd].prefix(40), as: UTF8.self)
            throw scanner.error(
                .duplicateKey,
                "duplicate key \"\(key)\"",
                at: max(a.inputKey.start, b.inputKey.start) - 1
            )
        }
    }

    /// Fills `buffers.order` with the indices `stackBase..<stack.count` in key order (insertion sort on key
    /// prefixes: objects are small).
    ///
    /// - Returns: `true` when the order came from the shape cache (its prefixes are distinct, so there are no
    ///   duplicate keys); otherwise `buffers.prefixes` holds the prefixes in sorted order.
    private mutating func sortOrder(from stackBase: Int) -> Bool {
        buffers.order.removeAll(keepingCapacity: true)
        buffers.order.append(contentsOf: stackBase..<buffers.stack.count)
        buffers.prefixes.removeAll(keepingCapacity: true)
        for index in stackBase..<buffers.stack.count { buffers.prefixes.append(buffers.stack[index].keyPrefix) }
        if buffers.shapes.lookUp(buffers.prefixes, into: &buffers.order, offset: stackBase) { return true }
        let scanner = scanner
        buffers.stack.withUnsafeBufferPointer { members in
            buffers.prefixes.withUnsafeMutableBufferPointer { prefixes in
                buffers.order.withUnsafeMutableBufferPointer { order in
                    for position in 1..<order.count {
                        let (index, prefix) = (order[position], prefixes[position])
                        var hole = position
                        while hole > 0 {
                            let previous = prefixes[hole - 1]
                            let isAfter =
                                previous != prefix
                                ? previous > prefix : scanner.compare(members[order[hole - 1]], members[index]) > 0
                            guard isAfter else { break }
                            order[hole] = order[hole - 1]
                            prefixes[hole] = previous
                            hole -= 1
                        }
                        order[hole] = index
                        prefixes[hole] = prefix
                    }
                }
            }
        }
        buffers.shapes.remember(sortedPrefixes: buffers.prefixes, order: buffers.order, offset: stackBase)
        return false
    }

    @inline(__always)
    private func checkDepth(_ depth: Int) throws(JSONError) {
        guard depth <= maximumDepth else { throw tooDeep() }
    }

    /// The error for nesting past `maximumDepth` (kept out of line, off the hot path).
    @inline(never)
    private func tooDeep() -> JSONError {
        scanner.error(.tooDeep, "nesting deeper than \(maximumDepth) levels", at: scanner.position)
    }
}
