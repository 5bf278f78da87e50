/// The id and hash of a record whose canonical bytes and top-level members are known.
extension RecordCanonicalizer {
    /// The hash of the selected fields of the canonical object `canonical`.
    ///
    /// With a top-level-only selection, the hash covers `{`, the kept member bytes joined by `,`, and `}`:
    /// exactly the canonical bytes of the selected object, without re-encoding anything.
    mutating func hash(
        of canonical: UnsafeRawBufferPointer,
        members: [MemberSpan]
    ) throws(RecordError) -> RecordHash {
        if selection.keepsEverything { return RecordHash(hashing: canonical) }
        guard selection.isTopLevelOnly else { return try hashByTree(canonical) }
        // Hash runs of adjacent kept members straight from the canonical bytes. A run starts one byte early,
        // taking the `,` before its first member along (the first run a `{` instead); runs are only needed once a
        // member is dropped, so when none is, the canonical bytes are hashed as they are.
        var hasher = RecordHasher()
        var dropsAny = false
        var hashedAny = false
        var runStart = -1
        var runEnd = 0
        for (position, member) in members.enumerated() {
            let key = KeepMemo(member, in: canonical)
            let keep: Bool
            if position < keepMemo.count && keepMemo[position].isSameKey(as: key) {
                keep = keepMemo[position].keep
            } else {
                keep = try keeps(member, in: canonical)
                var entry = key
                entry.keep = keep
                if position < keepMemo.count { keepMemo[position] = entry } else { keepMemo.append(entry) }
            }
            if keep {
                if runStart < 0 { runStart = member.keyStart - 2 }
                runEnd = member.end
            } else {
                dropsAny = true
                if runStart >= 0 { Self.hashRun(canonical, runStart, runEnd, isFirst: !hashedAny, into: &hasher) }
                hashedAny = hashedAny || runStart >= 0
                runStart = -1
            }
        }
        if !dropsAny { return RecordHash(hashing: canonical) }
        if runStart >= 0 { Self.hashRun(canonical, runStart, runEnd, isFirst: !hashedAny, into: &hasher) }
        hashedAny = hashedAny || runStart >= 0
        // Nothing kept: the empty object.
        if !hashedAny { Self.hash(ASCII.openBrace, into: &hasher) }
        Self.hash(ASCII.closeBrace, into: &hasher)
        return hasher.finalize()
    }

    /// Hashes `canonical[start..<end]`, whose first byte is the `{` or `,` before a run of kept members; the
    /// first run must begin with `{`, later ones with `,`.
    private static func hashRun(
        _ canonical: UnsafeRawBufferPointer,
        _ start: Int,
        _ end: Int,
        isFirst: Bool,
        into hasher: inout RecordHasher
    ) {
        var from = start
        if isFirst && canonical[start] != ASCII.openBrace {
            hash(ASCII.openBrace, into: &hasher)
            from += 1
        }
        hasher.update(UnsafeRawBufferPointer(rebasing: canonical[from..<end]))
    }

    /// Hashes one byte.
    private static func hash(_ byte: UInt8, into hasher: inout RecordHasher) {
        withUnsafeBytes(of: byte) { hasher.update($0) }
    }

    /// Whether the selection keeps the top-level member `member` of `canonical`.
    private func keeps(_ member: MemberSpan, in canonical: UnsafeRawBufferPointer) throws(RecordError) -> Bool {
        if member.keyHasEscapes { return selection.keepsTopLevel(try Self.decodedKey(canonical, member)) }
        return selection.keepsTopLevel(
            raw: UnsafeRawBufferPointer(rebasing: canonical[member.keyStart..<member.keyEnd]),
            prefix: member.keyPrefix
        )
    }

    /// The slow path for selections with dotted paths: parse, select, encode, hash.
    private func hashByTree(_ canonical: UnsafeRawBufferPointer) throws(RecordError) -> RecordHash {
        let value: JSONValue
        do {
            value = try JSONParser.parse(canonical)
        } catch {
            throw RecordError(error)
        }
        guard case .object(let object) = value else {
            throw RecordError(code: .notAnObject, message: "record is \(value.typeName), expected an object")
        }
        return RecordHash(hashing: selection.apply(to: object).canonicalBytes)
    }

    /// The `id` of a canonical object, which must be a non-empty string.
    static func recordID(
        in canonical: UnsafeRawBufferPointer,
        members: [MemberSpan]
    ) throws(RecordError) -> String {
        let range = try idContent(in: canonical, members: members)
        let content = UnsafeRawBufferPointer(rebasing: canonical[range])
        if !content.contains(ASCII.backslash) { return String(decoding: content, as: UTF8.self) }
        do {
            let value = UnsafeRawBufferPointer(rebasing: canonical[(range.lowerBound - 1)...range.upperBound])
            return try JSONParser.parse(value).stringValue ?? ""
        } catch {
            throw RecordError(error)
        }
    }

    /// Where the `id` string's content (between its quotes, as spelled) lies in the canonical object.
    ///
    /// - Throws: ``RecordError`` `.missingID`, or `.invalidID` when the id is not a string or is empty.
    static func idContent(
        in canonical: UnsafeRawBufferPointer,
        members: [MemberSpan]
    ) throws(RecordError) -> Range<Int> {
        // Canonical text spells the key "id" exactly so: two bytes, no escapes.
        guard
            let member = members.first(where: {
                $0.keyEnd - $0.keyStart == 2 && canonical[$0.keyStart] == UInt8(ascii: "i")
                    && canonical[$0.keyStart + 1] == UInt8(ascii: "d")
            })
        else {
            throw RecordError(code: .missingID, message: #"record has no "id""#)
        }
        let valueStart = member.keyEnd + 2
        guard canonical[valueStart] == ASCII.quote else {
            let type = typeName(startingWith: canonical[valueStart])
            throw RecordError(code: .invalidID, message: #"record "id" is \#(type), expected a string"#)
        }
        if member.end - valueStart == 2 { throw RecordError(code: .invalidID, message: #"record "id" is empty"#) }
        return (valueStart + 1)..<(member.end - 1)
    }

    /// The UTF-8 bytes of a key whose canonical text has escapes.
    private static func decodedKey(
        _ canonical: UnsafeRawBufferPointer,
        _ member: MemberSpan
    ) throws(RecordError) -> [UInt8] {
        do {
            let key = try JSONParser.parse(
                UnsafeRawBufferPointer(rebasing: canonical[(member.keyStart - 1)...member.keyEnd])
            )
            return Array((key.stringValue ?? "").utf8)
        } catch {
            throw RecordError(error)
        }
    }

    /// "a number", "an array", … for the JSON value whose text starts with `byte`.
    static func typeName(startingWith byte: UInt8) -> String {
        switch byte {
        case ASCII.openBracket: "an array"
        case ASCII.quote: "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
        case UInt8(ascii: "n"): "null"
        case ASCII.openBrace: "an object"
        default: "a number"
        }
    }
}

/// A top-level key of up to 16 bytes without escapes, held as two integers, and whether the selection kept
/// it: ``RecordCanonicalizer`` remembers the last record's keys so that the next record with the same keys
/// skips the pattern matching.
struct KeepMemo {
    /// The key's first eight bytes, big-endian, zero-padded (``MemberSpan/keyPrefix``).
    var prefix: UInt64
    /// Bytes 8–15, big-endian, zero-padded.
    var tail: UInt64
    /// The key's length in bytes, or -1 for a key that is never remembered (escaped, or over 16 bytes).
    var length: Int
    var keep = false

    /// The key of `member` in `canonical`.
    @inline(__always)
    init(_ member: MemberSpan, in canonical: UnsafeRawBufferPointer) {
        prefix = member.keyPrefix
        let length = member.keyEnd - member.keyStart
        tail = 0
        guard !member.keyHasEscapes && length <= 16 else {
            self.length = -1
            return
        }
        self.length = length
        guard length > 8 else { return }
        if member.keyStart + 16 <= canonical.count, let base = canonical.baseAddress {
            // One load of bytes 8–15, masked to the key's length (the byte loop below cost 12 % more in hash(of:members:)).
            let word = UInt64(bigEndian: base.loadUnaligned(fromByteOffset: member.keyStart + 8, as: UInt64.self))
            tail = word & ~(UInt64.max >> UInt64(8 * (length - 8)))
            return
        }
        var index = member.keyStart + 8
        while index < member.keyEnd {
            tail = tail << 8 | UInt64(canonical[index])
            index += 1
        }
        tail <<= UInt64(8 * (16 - length))
    }

    /// Whether `other` is the same key (never for keys that are not remembered).
    @inline(__always)
    func isSameKey(as other: KeepMemo) -> Bool {
        length >= 0 && length == other.length && prefix == other.prefix && tail == other.tail
    }
}
