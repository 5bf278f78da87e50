/// The identity of a record's compared content: the first 16 bytes of SHA-256 over its canonical bytes after
/// field selection (DESIGN.md §4), shown as 32 lowercase hex digits.
///
/// The same value is what `/api/sync/:model/hashes` reports and what bulk `expect_hash` checks. Its two halves
/// are the bytes read as a big-endian 128-bit integer, which is how ``SegmentDigest`` sums hashes.
///
/// ```swift
/// let hash = RecordHash(hashing: Array(#"{"id":"a"}"#.utf8))
/// RecordHash(hex: hash.hex) == hash   // true
/// ```
package struct RecordHash: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Bytes 0–7, big-endian.
    package let high: UInt64
    /// Bytes 8–15, big-endian.
    package let low: UInt64

    /// A hash from its two big-endian halves.
    package init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The hash of `canonicalBytes`, which the caller guarantees are canonical JSON.
    package init(hashing canonicalBytes: UnsafeRawBufferPointer) {
        var hasher = RecordHasher()
        hasher.update(canonicalBytes)
        self = hasher.finalize()
    }

    /// The hash of `canonicalBytes`, which the caller guarantees are canonical JSON.
    package init(hashing canonicalBytes: [UInt8]) {
        self = canonicalBytes.withUnsafeBytes { RecordHash(hashing: $0) }
    }

    /// Parses 32 hex digits (either case); `nil` for anything else.
    package init?(hex: some StringProtocol) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 32 else { return nil }
        var halves: [UInt64] = [0, 0]
        for (index, byte) in utf8.enumerated() {
            guard let digit = Self.hexDigitValue(byte) else { return nil }
            halves[index / 16] = halves[index / 16] << 4 | UInt64(digit)
        }
        self.init(high: halves[0], low: halves[1])
    }

    /// The 16 bytes, most significant first.
    package var bytes: [UInt8] {
        (0..<16).map { index in
            let half = index < 8 ? high : low
            return UInt8(truncatingIfNeeded: half >> (56 - 8 * UInt64(index % 8)))
        }
    }

    /// 32 lowercase hex digits.
    package var hex: String { Self.hex(high) + Self.hex(low) }

    package var description: String { hex }

    package static func < (lhs: RecordHash, rhs: RecordHash) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    /// 16 lowercase hex digits of `value`, zero-padded.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The value of one hex digit of either case.
    static func hexDigitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func bigEndian(_ raw: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in offset..<(offset + 8) { value = value << 8 | UInt64(raw[index]) }
        return value
    }
}
