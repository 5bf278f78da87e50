/// The digest of a set of records for bisection (DESIGN.md §4, algorithm `monk-sha256-128-sum-v1`): the sum
/// modulo 2^128 of their ``RecordHash``es read as big-endian integers, with the record count beside it.
///
/// Addition is order-independent, so a server and a client agree without sorting, and digests of adjacent
/// segments add up to the digest of their union. The empty set's digest is 32 zeros.
///
/// ```swift
/// var digest = SegmentDigest()
/// for record in records { digest.add(record.hash) }
/// (digest.hex, digest.count)   // sent as {"checksum": …, "count": …}
/// ```
package struct SegmentDigest: Sendable, Hashable, CustomStringConvertible {
    /// The name sync endpoints report as `algorithm`.
    package static let algorithm = "monk-sha256-128-sum-v1"

    /// The high 64 bits of the sum.
    package private(set) var high: UInt64
    /// The low 64 bits of the sum.
    package private(set) var low: UInt64
    /// How many hashes were added.
    package private(set) var count: Int

    /// The digest of no records: 32 zeros, count 0.
    package init() {
        high = 0
        low = 0
        count = 0
    }

    /// The digest of `hashes`.
    package init(_ hashes: some Sequence<RecordHash>) {
        self.init()
        for hash in hashes { add(hash) }
    }

    /// A digest received from elsewhere: 32 hex digits and a count; `nil` when the hex is malformed or the
    /// count negative.
    package init?(hex: some StringProtocol, count: Int) {
        guard count >= 0, let sum = RecordHash(hex: hex) else { return nil }
        high = sum.high
        low = sum.low
        self.count = count
    }

    /// Adds one record's hash.
    package mutating func add(_ hash: RecordHash) {
        let (newLow, carry) = low.addingReportingOverflow(hash.low)
        low = newLow
        high = high &+ hash.high &+ (carry ? 1 : 0)
        count += 1
    }

    /// The digest of the union of two disjoint sets.
    package func combined(with other: SegmentDigest) -> SegmentDigest {
        var result = self
        let (newLow, carry) = low.addingReportingOverflow(other.low)
        result.low = newLow
        result.high = high &+ other.high &+ (carry ? 1 : 0)
        result.count = count + other.count
        return result
    }

    /// The sum as 32 lowercase hex digits.
    package var hex: String { RecordHash.hex(high) + RecordHash.hex(low) }

    package var description: String { "\(hex) (\(count) records)" }
}
