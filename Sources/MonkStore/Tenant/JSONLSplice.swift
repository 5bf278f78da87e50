import MonkCore

/// Splices a record's system members into its stored canonical `data` at their sorted positions, so a JSONL
/// line (API.md §2.6) comes out as canonical JSON (DESIGN.md §4) without re-encoding the record: a reader
/// takes its already-canonical fast path instead of rewriting every line.
///
/// `data` is canonical and compact, so its top-level members can be walked byte by byte (strings skipped to
/// their closing quote, containers to their matching bracket) and merged with the eight system members,
/// whose names are fixed. Member names compare by their bytes as stored: a system name holds only `_` and
/// lowercase letters, which sort after every byte that escaping changes (`"`, `\`, control characters), so
/// comparing the escaped form orders exactly like comparing the name's UTF-8 bytes. Member values are copied
/// as they are stored: `data` is trusted to be what `RecordCodec.stored` wrote.
///
/// This runs once per streamed record, so it works on raw memory in two steps: ``insertionPoints(_:into:)``
/// finds where each system member goes (``CompactJSONSpans``), then ``write(_:positions:values:to:)`` copies
/// `data` in at most nine runs around them into memory the caller reserved, with no array, retain or bounds
/// check per piece.
///
/// ```swift
/// if JSONLSplice.insertionPoints(data, into: positions) {
///     let count = JSONLSplice.write(data, positions: positions, values: values, to: out)
/// }
/// ```
enum JSONLSplice {
    /// How many system members there are.
    static let memberCount = 8

    /// The most bytes a system member adds besides its value's text: a name of at most 14 bytes (`"name":`),
    /// two quotes and a comma.
    static let bytesPerMember = 17

    /// A system member's value as the line shows it: `text`, between quotes when `isQuoted`.
    struct Value {
        var text: UnsafeRawBufferPointer
        var isQuoted: Bool
    }

    /// The system member names in canonical order, each written `"name":`: four of 14 bytes, then four of 13.
    private static let names: StaticString =
        #""access_deny":"access_edit":"access_full":"access_read":"created_at":"deleted_at":"trashed_at":"updated_at":"#

    /// System member `member`'s name, written `"name":`.
    @inline(__always)
    static func name(_ member: Int) -> UnsafeRawBufferPointer {
        let start = member < 4 ? member &* 14 : 56 &+ (member &- 4) &* 13
        return UnsafeRawBufferPointer(start: names.utf8Start + start, count: member < 4 ? 14 : 13)
    }

    /// Finds, for each system member in order, the offset in `data` of the member it goes before (`data`'s
    /// closing brace for those that go last).
    ///
    /// Each member name is first compared with the next system name by its first eight bytes, read as one
    /// big-endian word (the opening quote and seven letters: `"access_`, `"created`, …), which decides all but
    /// the names that start like a system one. The word may run past a short name's closing quote into what
    /// follows; that is harmless, since the quote already sorts before every letter.
    ///
    /// - Returns: `false` when `data` is not a compact object or already holds a member named like a system
    ///   one; the caller then builds the line through a JSON tree.
    static func insertionPoints(_ data: UnsafeRawBufferPointer, into positions: UnsafeMutableBufferPointer<Int>)
        -> Bool
    {
        let count = data.count
        guard count >= 2, let raw = data.baseAddress else { return false }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        let end = count - 1
        guard base[0] == UInt8(ascii: "{"), base[end] == UInt8(ascii: "}") else { return false }
        var next = 0
        var nextWord = prefixWord(next)
        var index = 1
        members: while index < end {
            guard base[index] == UInt8(ascii: "\""),
                let keyEnd = CompactJSONSpans.stringEnd(base, from: index, limit: end),
                keyEnd < end, base[keyEnd] == UInt8(ascii: ":")
            else { return false }
            let word =
                index &+ 8 <= end ? UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) : 0
            while true {
                if word != 0 && word < nextWord { break }
                if word == 0 || word == nextWord {
                    // A short tail, or a name that starts like the system one: compare them whole.
                    let order = compare(name(next), base + index, keyEnd &+ 1 &- index)
                    if order > 0 { break }
                    if order == 0 { return false }
                }
                positions[next] = index
                next &+= 1
                if next == memberCount { break members }
                nextWord = prefixWord(next)
            }
            guard let valueEnd = CompactJSONSpans.valueEnd(base, from: keyEnd &+ 1, limit: end) else { return false }
            index = valueEnd
            if index < end {
                guard base[index] == UInt8(ascii: ","), index &+ 1 < end else { return false }
                index &+= 1
            }
        }
        while next < memberCount {
            positions[next] = end
            next &+= 1
        }
        return true
    }

    /// The first eight bytes of system member `member`'s name (its quote and seven letters) as a big-endian
    /// word, which orders like the bytes.
    @inline(__always)
    private static func prefixWord(_ member: Int) -> UInt64 {
        UInt64(bigEndian: UnsafeRawPointer(name(member).baseAddress!).loadUnaligned(as: UInt64.self))
    }

    /// Writes the line (no newline) to `out`: `data` with each of `values` spliced in at `positions` (from
    /// ``insertionPoints(_:into:)``). `out` must have room for `data`, every value's text, and
    /// ``bytesPerMember`` a member.
    ///
    /// - Returns: how many bytes it wrote.
    static func write(
        _ data: UnsafeRawBufferPointer,
        positions: UnsafeMutableBufferPointer<Int>,
        values: UnsafeBufferPointer<Value>,
        to out: UnsafeMutableRawPointer
    ) -> Int {
        guard let base = data.baseAddress else { return 0 }
        let end = data.count - 1
        var at = out
        @inline(__always) func put(_ byte: UInt8) {
            at.storeBytes(of: byte, as: UInt8.self)
            at += 1
        }
        @inline(__always) func put(_ start: UnsafeRawPointer, _ count: Int) {
            at.copyMemory(from: start, byteCount: count)
            at += count
        }
        put(UInt8(ascii: "{"))
        // `copied`: where the members of `data` not yet written start.
        var copied = 1
        for member in 0..<memberCount {
            let position = positions[member]
            if position > copied {
                // The members before `position`, without the comma that follows them.
                if member > 0 || copied > 1 { put(UInt8(ascii: ",")) }
                put(base + copied, (position == end ? end : position - 1) - copied)
                copied = position
            }
            if member > 0 || copied > 1 { put(UInt8(ascii: ",")) }
            let name = name(member)
            put(name.baseAddress!, name.count)
            let value = values[member]
            if value.isQuoted { put(UInt8(ascii: "\"")) }
            if let text = value.text.baseAddress { put(text, value.text.count) }
            if value.isQuoted { put(UInt8(ascii: "\"")) }
        }
        if copied < end {
            put(UInt8(ascii: ","))
            put(base + copied, end - copied)
        }
        put(UInt8(ascii: "}"))
        return at - out
    }

    /// The order of two names written `"name":`: negative when `system` sorts first, zero when equal.
    ///
    /// Comparing through the closing quote is right: a name that is a prefix of the other has its `"` (0x22)
    /// where the other goes on with a byte that sorts after it in every case that matters here.
    @inline(__always)
    private static func compare(_ system: UnsafeRawBufferPointer, _ name: UnsafePointer<UInt8>, _ length: Int)
        -> Int
    {
        let shared = min(system.count, length)
        var index = 0
        while index < shared {
            let left = system[index]
            let right = name[index]
            if left != right { return Int(left) - Int(right) }
            index += 1
        }
        return system.count - length
    }
}
