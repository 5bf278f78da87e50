/// Turns JSON text straight into canonical bytes (DESIGN.md §4) without building a ``JSONValue`` tree.
///
/// It first reads the input as canonical JSON (no whitespace, sorted keys, canonical strings and numbers). When
/// the input is canonical, which JSONL written by monk always is, the input bytes *are* the answer and nothing
/// is re-encoded. Otherwise a second pass writes canonical bytes directly, sorting each object's members as
/// byte ranges. Validation is the same as ``JSONParser``'s, with the same errors.
///
/// A canonicalizer keeps scratch buffers between calls; keep one per loop, not one per record.
///
/// ```swift
/// var canonicalizer = Canonicalizer()
/// let bytes = try canonicalizer.canonicalize(#"{ "b": 1.50, "a": "\u00e9" }"#)   // {"a":"é","b":1.5}
/// ```
package struct Canonicalizer: Sendable {
    /// What ``canonicalForm(of:)`` found.
    enum Form {
        /// The input bytes are canonical as they are.
        case input
        /// The input was not canonical; these are its canonical bytes.
        case rewritten([UInt8])
    }

    let maximumDepth: Int
    /// After ``canonicalForm(of:)``: the top-level members, in canonical order, when the document is an object.
    private(set) var topLevelMembers: [MemberSpan] = []
    private var writerBuffers = CanonicalWriter.Buffers()
    /// Whether the last document was canonical as it was. Records from one source are spelled alike, so after
    /// a document that needed rewriting the next goes straight to the writer, without the checking pass.
    private var lastWasCanonical = true

    /// - Parameter options: limits, as for ``JSONParser``.
    package init(options: JSONParser.Options = JSONParser.Options()) {
        maximumDepth = options.effectiveMaximumDepth
    }

    /// The canonical bytes of the JSON document `bytes`.
    ///
    /// - Throws: ``JSONError`` for anything ``JSONParser`` rejects, at the same position.
    package mutating func canonicalize(_ bytes: UnsafeRawBufferPointer) throws(JSONError) -> [UInt8] {
        switch try canonicalForm(of: bytes) {
        case .input: return Array(bytes)
        case .rewritten(let out): return out
        }
    }

    /// The canonical bytes of the JSON document `bytes`.
    package mutating func canonicalize(_ bytes: [UInt8]) throws(JSONError) -> [UInt8] {
        try bytes.withUnsafeBytes { raw in Result { () throws(JSONError) in try canonicalize(raw) } }.get()
    }

    /// The canonical bytes of the JSON document `bytes`.
    package mutating func canonicalize(_ bytes: ArraySlice<UInt8>) throws(JSONError) -> [UInt8] {
        try bytes.withUnsafeBytes { raw in Result { () throws(JSONError) in try canonicalize(raw) } }.get()
    }

    /// The canonical bytes of the JSON document `text`.
    package mutating func canonicalize(_ text: String) throws(JSONError) -> [UInt8] {
        var text = text
        return try text.withUTF8 { utf8 in
            Result { () throws(JSONError) in try canonicalize(UnsafeRawBufferPointer(utf8)) }
        }.get()
    }

    /// Whether `bytes` is a JSON document in canonical form (any invalid input gives `false`).
    package static func isCanonical(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var canonicalizer = Canonicalizer()
        return canonicalizer.check(bytes)
    }

    /// Canonicalizes `bytes`, saying whether the input was canonical already, and records the top-level
    /// members (see ``topLevelMembers``) in the coordinates of the canonical bytes.
    mutating func canonicalForm(of bytes: UnsafeRawBufferPointer) throws(JSONError) -> Form {
        if lastWasCanonical && check(bytes) { return .input }
        let out = try write(bytes)
        // The writer changes nothing in canonical input (then the member spans are the input's too).
        lastWasCanonical = out.withUnsafeBytes { written in Self.areEqual(written, bytes) }
        return lastWasCanonical ? .input : .rewritten(out)
    }

    /// Whether `a` and `b` hold the same bytes (compared eight at a time; MonkCore has no `memcmp`).
    private static func areEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard let x = a.baseAddress, let y = b.baseAddress else { return true }
        var offset = 0
        while offset &+ 8 <= a.count {
            let left = x.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            guard left == y.loadUnaligned(fromByteOffset: offset, as: UInt64.self) else { return false }
            offset &+= 8
        }
        while offset < a.count {
            guard x.load(fromByteOffset: offset, as: UInt8.self) == y.load(fromByteOffset: offset, as: UInt8.self)
            else { return false }
            offset &+= 1
        }
        return true
    }

    /// The second pass: validates `bytes` and writes their canonical form, recording ``topLevelMembers`` in its
    /// coordinates.
    private mutating func write(_ bytes: UnsafeRawBufferPointer) throws(JSONError) -> [UInt8] {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw JSONError(
                code: .unexpectedEnd,
                message: "expected a value, found end of input",
                line: 1,
                column: 1,
                offset: 0
            )
        }
        // Hand the reusable buffers over by swapping them in and out, so that they stay uniquely referenced and
        // no array is retained or released along the way.
        var writer = CanonicalWriter(
            scanner: JSONScanner(base: base.assumingMemoryBound(to: UInt8.self), count: bytes.count),
            maximumDepth: maximumDepth
        )
        swap(&writer.buffers, &writerBuffers)
        swap(&writer.buffers.topLevel, &topLevelMembers)
        writer.prepare()
        writer.out.reserveCapacity(bytes.count + 64)
        defer {
            swap(&writer.buffers.topLevel, &topLevelMembers)
            swap(&writer.buffers, &writerBuffers)
        }
        try writer.writeDocument()
        return writer.out
    }

    /// Reads `bytes` as canonical JSON; `true` when all of it is, with ``topLevelMembers`` filled in.
    private mutating func check(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var members: [MemberSpan] = []
        swap(&members, &topLevelMembers)
        members.removeAll(keepingCapacity: true)
        guard let base = bytes.baseAddress, bytes.count > 0 else { return false }
        var checker = CanonicalChecker(
            scanner: JSONScanner(base: base.assumingMemoryBound(to: UInt8.self), count: bytes.count),
            maximumDepth: maximumDepth,
            members: consume members
        )
        defer { topLevelMembers = checker.members }
        let isCanonical: Bool
        do {
            isCanonical = try checker.checkValue(depth: 0) && checker.scanner.isAtEnd
        } catch {
            // Invalid input is "not canonical" here; the writer pass reads it again and reports the error.
            isCanonical = false
        }
        if !isCanonical { checker.members.removeAll(keepingCapacity: true) }
        return isCanonical
    }
}

/// The first pass: reads input that may be canonical, and stops at the first byte that is not.
private struct CanonicalChecker {
    var scanner: JSONScanner
    let maximumDepth: Int
    var members: [MemberSpan]

    mutating func checkValue(depth: Int) throws(JSONError) -> Bool {
        switch scanner.current {
        case ASCII.quote: return try scanner.scanString().escapes != .other
        case ASCII.minus, ASCII.zero...ASCII.nine: return scanner.isCanonical(try scanner.scanNumber())
        case ASCII.openBrace: return try checkObject(depth: depth + 1)
        case ASCII.openBracket: return try checkArray(depth: depth + 1)
        case UInt8(ascii: "t"): try scanner.expectLiteral("true")
        case UInt8(ascii: "f"): try scanner.expectLiteral("false")
        case UInt8(ascii: "n"): try scanner.expectLiteral("null")
        default: return false
        }
        return true
    }

    mutating func checkArray(depth: Int) throws(JSONError) -> Bool {
        guard depth <= maximumDepth else { return false }
        scanner.position += 1
        if scanner.current == ASCII.closeBracket {
            scanner.position += 1
            return true
        }
        while true {
            guard try checkValue(depth: depth) else { return false }
            let byte = scanner.current
            scanner.position += 1
            if byte == ASCII.closeBracket { return true }
            if byte != ASCII.comma { return false }
        }
    }

    mutating func checkObject(depth: Int) throws(JSONError) -> Bool {
        guard depth <= maximumDepth else { return false }
        scanner.position += 1
        if scanner.current == ASCII.closeBrace {
            scanner.position += 1
            return true
        }
        var previous: StringToken?
        var previousPrefix: UInt64 = 0
        while true {
            guard scanner.current == ASCII.quote else { return false }
            let key = try scanner.scanString()
            guard key.escapes != .other else { return false }
            let prefix = scanner.keyPrefix(of: key)
            if let previous {
                // Keys must strictly increase: by prefix, or on a tie by all their bytes.
                if prefix < previousPrefix { return false }
                if prefix == previousPrefix && scanner.compareKeys(previous, key) >= 0 { return false }
            }
            guard scanner.current == ASCII.colon else { return false }
            scanner.position += 1
            guard try checkValue(depth: depth) else { return false }
            if depth == 1 {
                members.append(
                    MemberSpan(
                        keyStart: key.start,
                        keyEnd: key.end,
                        end: scanner.position,
                        keyHasEscapes: key.escapes != .none,
                        inputKey: key,
                        keyPrefix: prefix
                    )
                )
            }
            previous = key
            previousPrefix = prefix
            let byte = scanner.current
            scanner.position += 1
            if byte == ASCII.closeBrace { return true }
            if byte != ASCII.comma { return false }
        }
    }
}
