/// Finds where strings and values end in compact JSON (no whitespace, as canonical JSON is) without parsing
/// it: strings are skipped to their closing quote, containers to their matching bracket. For splicing
/// members of bytes that are already known to be valid, such as stored records; nothing is validated beyond
/// what finding the end needs.
///
/// ```swift
/// // bytes: {"a":{"b":[1,2]},"c":"x"}
/// CompactJSONSpans.valueEnd(base, from: 5, limit: count - 1)    // 16, the comma after {"b":[1,2]}
/// ```
package enum CompactJSONSpans {
    /// The index after the string whose opening quote is at `start`, or `nil` when it does not close before
    /// `limit`.
    ///
    /// Skips sixteen bytes at a time while they hold neither a `"` nor a `\` (some strings are long notes),
    /// then finds which byte it is eight at a time (most strings are short names and values); a backslash
    /// skips the byte it escapes. Inlinable: callers run it for every member of every streamed record.
    @inlinable
    package static func stringEnd(_ base: UnsafePointer<UInt8>, from start: Int, limit: Int) -> Int? {
        var index = start + 1
        let quotes = SIMD16<UInt8>(repeating: UInt8(ascii: "\""))
        let backslashes = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
        while true {
            while index &+ 16 <= limit {
                let bytes = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
                if any((bytes .== quotes) .| (bytes .== backslashes)) { break }
                index &+= 16
            }
            while index &+ 8 <= limit {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let mask = zeroBytes(word ^ 0x2222_2222_2222_2222) | zeroBytes(word ^ 0x5C5C_5C5C_5C5C_5C5C)
                if mask != 0 {
                    // The lowest flagged byte is exact: a borrow only ever flags bytes above a real hit.
                    index &+= mask.trailingZeroBitCount &>> 3
                    break
                }
                index &+= 8
            }
            guard index < limit else { return nil }
            switch base[index] {
            case UInt8(ascii: "\""): return index &+ 1
            case UInt8(ascii: "\\"): index &+= 2
            default: index &+= 1
            }
        }
    }

    /// The index after the value that starts at `start`: the `,` or closing bracket after it at its own
    /// level, or `limit`; `nil` when it does not end before `limit`.
    ///
    /// A string ends at its closing quote and a container at its matching bracket; a number or literal, which
    /// holds no `,`, runs to the next `,` or to `limit` (`limit` is the closing bracket of the enclosing
    /// object, so the members of one object are walked with no bracket counting outside containers).
    package static func valueEnd(_ base: UnsafePointer<UInt8>, from start: Int, limit: Int) -> Int? {
        guard start < limit else { return nil }
        switch base[start] {
        case UInt8(ascii: "\""): return stringEnd(base, from: start, limit: limit)
        case UInt8(ascii: "{"), UInt8(ascii: "["): return containerEnd(base, from: start, limit: limit)
        default:
            var index = start &+ 1
            while index < limit && base[index] != UInt8(ascii: ",") { index &+= 1 }
            return index
        }
    }

    /// The index after the object or array that opens at `start`, or `nil` when it does not close before
    /// `limit`.
    private static func containerEnd(_ base: UnsafePointer<UInt8>, from start: Int, limit: Int) -> Int? {
        var index = start
        var depth = 0
        while index < limit {
            switch base[index] {
            case UInt8(ascii: "\""):
                guard let end = stringEnd(base, from: index, limit: limit) else { return nil }
                index = end
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return index + 1 }
            default: break
            }
            index += 1
        }
        return nil
    }

    /// The high bit of each byte of `word` that is zero (and possibly of bytes above one that is).
    @inlinable @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }
}
