/// Orders object keys as canonical JSON does: by their UTF-8 bytes, not by how they are escaped.
///
/// The canonicalizer compares keys as they appear in canonical text, where `"`, `\` and control characters are
/// escaped. Escaping would change the order (`\"` sorts after `#`, but `"` sorts before it), so keys that
/// contain a backslash are compared by decoding their escapes on the fly.
enum CanonicalKeys {
    /// Compares two canonically escaped key contents by their decoded UTF-8 bytes: negative, zero or positive.
    ///
    /// - Parameters:
    ///   - a: content of the first key (between its quotes), canonically escaped.
    ///   - aHasEscapes: whether `a` contains a backslash (when both are `false`, bytes compare directly).
    static func compare(
        _ a: UnsafeRawBufferPointer,
        _ aHasEscapes: Bool,
        _ b: UnsafeRawBufferPointer,
        _ bHasEscapes: Bool
    ) -> Int {
        if !aHasEscapes && !bHasEscapes { return compareRaw(a, b) }
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            let (x, nextI) = decodedByte(a, at: i)
            let (y, nextJ) = decodedByte(b, at: j)
            if x != y { return x < y ? -1 : 1 }
            i = nextI
            j = nextJ
        }
        if i < a.count { return 1 }
        return j < b.count ? -1 : 0
    }

    /// Lexicographic byte comparison.
    @inline(__always)
    static func compareRaw(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let shared = min(a.count, b.count)
        var index = 0
        while index < shared {
            let x = a[index]
            let y = b[index]
            if x != y { return x < y ? -1 : 1 }
            index += 1
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// The byte a canonical escape (or plain byte) at `index` stands for, and the index after it.
    @inline(__always)
    private static func decodedByte(_ text: UnsafeRawBufferPointer, at index: Int) -> (UInt8, Int) {
        let byte = text[index]
        guard byte == ASCII.backslash, index + 1 < text.count else { return (byte, index + 1) }
        switch text[index + 1] {
        case UInt8(ascii: "b"): return (0x08, index + 2)
        case UInt8(ascii: "f"): return (0x0C, index + 2)
        case UInt8(ascii: "n"): return (0x0A, index + 2)
        case UInt8(ascii: "r"): return (0x0D, index + 2)
        case UInt8(ascii: "t"): return (0x09, index + 2)
        case UInt8(ascii: "u") where index + 5 < text.count:
            // Canonical text only has `\u00xx` for control characters.
            let high = StringBytes.hexValue(text[index + 4]) ?? 0
            let low = StringBytes.hexValue(text[index + 5]) ?? 0
            return (high << 4 | low, index + 6)
        default: return (text[index + 1], index + 2)
        }
    }
}
