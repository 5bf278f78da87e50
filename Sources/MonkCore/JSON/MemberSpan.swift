/// Where one object member lies, in the canonical output and in the input, with what ordering needs.
///
/// The canonicalizer sorts members as byte ranges instead of building a tree. Keys order by their UTF-8 bytes
/// (not by their escaped spelling); `keyPrefix` holds the first eight of those bytes as a big-endian integer,
/// so that almost every comparison is one integer compare.
struct MemberSpan {
    /// Offset of the key's first content byte in the canonical bytes (the opening quote is at `keyStart - 1`).
    var keyStart: Int
    /// Offset of the key's closing quote in the canonical bytes; the value starts at `keyEnd + 2`.
    var keyEnd: Int
    /// Offset after the member's value in the canonical bytes.
    var end: Int
    /// Whether the key's canonical text contains a backslash.
    var keyHasEscapes: Bool
    /// The key as scanned from the input.
    var inputKey: StringToken
    /// The key's first eight UTF-8 bytes, big-endian, zero-padded.
    var keyPrefix: UInt64
}

extension JSONScanner {
    /// The first eight UTF-8 bytes of a scanned key as a big-endian integer, zero-padded.
    @inline(__always)
    func keyPrefix(of token: StringToken) -> UInt64 {
        let length = token.end - token.start
        if token.escapes == .none && token.start &+ 8 <= count {
            // Load eight bytes and keep the key's: bytes past a short key (its quote, …) are masked off.
            let word = UInt64(bigEndian: UnsafeRawPointer(base + token.start).loadUnaligned(as: UInt64.self))
            return length >= 8 ? word : word & ~(UInt64.max >> UInt64(8 &* length))
        }
        if token.escapes == .none {
            // Near the end of the input: shift the bytes in.
            var value: UInt64 = 0
            var index = token.start
            while index < token.end {
                value = value << 8 | UInt64(base[index])
                index &+= 1
            }
            return length == 0 ? 0 : value << UInt64(8 &* (8 &- length))
        }
        return decodedKeyPrefix(of: token)
    }

    /// ``keyPrefix(of:)`` for a key with escapes: decode it first.
    private func decodedKeyPrefix(of token: StringToken) -> UInt64 {
        var decoded: [UInt8] = []
        appendContent(of: token, canonical: false, to: &decoded)
        return decoded.withUnsafeBytes { Self.prefix(of: $0) }
    }

    /// Compares two scanned keys by their UTF-8 bytes: negative, zero or positive.
    func compareKeys(_ a: StringToken, _ b: StringToken) -> Int {
        if a.escapes == .none && b.escapes == .none {
            return CanonicalKeys.compareRaw(bytes(a.start, a.end), bytes(b.start, b.end))
        }
        var x: [UInt8] = []
        var y: [UInt8] = []
        appendContent(of: a, canonical: false, to: &x)
        appendContent(of: b, canonical: false, to: &y)
        return x.withUnsafeBytes { x in y.withUnsafeBytes { y in CanonicalKeys.compareRaw(x, y) } }
    }

    /// Compares two members' keys: by prefix, then by all their bytes.
    @inline(__always)
    func compare(_ a: MemberSpan, _ b: MemberSpan) -> Int {
        if a.keyPrefix != b.keyPrefix { return a.keyPrefix < b.keyPrefix ? -1 : 1 }
        return compareKeys(a.inputKey, b.inputKey)
    }

    private static func prefix(of bytes: UnsafeRawBufferPointer) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<8 {
            value = value << 8 | UInt64(index < bytes.count ? bytes[index] : 0)
        }
        return value
    }
}
