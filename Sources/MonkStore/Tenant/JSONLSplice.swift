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
/// This runs once per streamed record, so it works in two passes over raw bytes: the first finds where each
/// system member goes (``CompactJSONSpans``), the second copies `data` in at most nine runs around them.
///
/// ```swift
/// var line: [UInt8] = []
/// let isSpliced = JSONLSplice.append(data, to: &line) { member, out in out.append(contentsOf: "null".utf8) }
/// ```
enum JSONLSplice {
    /// The system member names in canonical order, each as `"name":`.
    static let members: [[UInt8]] = [
        "access_deny", "access_edit", "access_full", "access_read", "created_at", "deleted_at", "trashed_at",
        "updated_at",
    ].map { Array("\"\($0)\":".utf8) }

    /// Appends `data` with the system members spliced in; `appendValue(index, &out)` writes the value of
    /// ``members``[index].
    ///
    /// - Returns: `false`, with `out` as it was, when `data` is not a compact object or already holds a
    ///   member named like a system one; the caller then builds the line through a JSON tree.
    static func append(
        _ data: UnsafeRawBufferPointer,
        to out: inout [UInt8],
        appendValue: (Int, inout [UInt8]) -> Void
    ) -> Bool {
        let count = data.count
        guard count >= 2, let raw = data.baseAddress else { return false }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        let end = count - 1
        guard base[0] == UInt8(ascii: "{"), base[end] == UInt8(ascii: "}") else { return false }
        let names = members
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: names.count) { positions in
            guard let placed = insertionPoints(base, end: end, names: names, into: positions) else { return false }
            for member in placed..<names.count { positions[member] = end }
            out.reserveCapacity(out.count + count + 48 * names.count)
            out.append(UInt8(ascii: "{"))
            // `copied`: where the members of `data` not yet written start.
            var copied = 1
            for member in 0..<names.count {
                let at = positions[member]
                if at > copied {
                    // The members before `at`, without the comma that follows them.
                    if member > 0 || copied > 1 { out.append(UInt8(ascii: ",")) }
                    let runEnd = at == end ? end : at - 1
                    out.append(contentsOf: UnsafeRawBufferPointer(start: base + copied, count: runEnd - copied))
                    copied = at
                }
                if member > 0 || copied > 1 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: names[member])
                appendValue(member, &out)
            }
            if copied < end {
                out.append(UInt8(ascii: ","))
                out.append(contentsOf: UnsafeRawBufferPointer(start: base + copied, count: end - copied))
            }
            out.append(UInt8(ascii: "}"))
            return true
        }
    }

    /// Walks the members of `base[1..<end]` and writes, for each system member in order, the offset of the
    /// member it goes before; returns how many were placed (the rest go at the end), or `nil` when `data` is
    /// not a compact object or names a system member itself.
    private static func insertionPoints(
        _ base: UnsafePointer<UInt8>,
        end: Int,
        names: [[UInt8]],
        into positions: UnsafeMutableBufferPointer<Int>
    ) -> Int? {
        var next = 0
        var index = 1
        while index < end && next < names.count {
            guard base[index] == UInt8(ascii: "\""),
                let keyEnd = CompactJSONSpans.stringEnd(base, from: index, limit: end),
                keyEnd < end, base[keyEnd] == UInt8(ascii: ":"),
                let valueEnd = CompactJSONSpans.valueEnd(base, from: keyEnd + 1, limit: end)
            else { return nil }
            // The name with its quotes and colon, as `names` holds them.
            while next < names.count {
                let order = compare(names[next], base + index, keyEnd + 1 - index)
                if order > 0 { break }
                if order == 0 { return nil }
                positions[next] = index
                next += 1
            }
            index = valueEnd
            if index < end {
                guard base[index] == UInt8(ascii: ","), index + 1 < end else { return nil }
                index += 1
            }
        }
        return next
    }

    /// The order of two names written `"name":`: negative when `system` sorts first, zero when equal.
    ///
    /// Comparing through the closing quote is right: a name that is a prefix of the other has its `"` (0x22)
    /// where the other goes on with a byte that sorts after it in every case that matters here.
    @inline(__always)
    private static func compare(_ system: [UInt8], _ name: UnsafePointer<UInt8>, _ length: Int) -> Int {
        system.withUnsafeBufferPointer { system in
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
}
