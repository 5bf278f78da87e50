import Crypto
import MonkCore

/// The counts and checksums of a diff: a patch file's `summary` and `checksum` (DESIGN.md §7).
package struct DiffSummary: Sendable, Hashable {
    package var sourceCount = 0
    package var destinationCount = 0
    package var unchanged = 0
    package var inserts = 0
    package var updates = 0
    package var deletes = 0
    /// `sha256:<hex>` over the source's canonical records in scope, or `nil` when unknown (old patches).
    package var sourceChecksum: String?
    /// `sha256:<hex>` over the destination's canonical records in scope, or `nil` when unknown.
    package var destinationChecksum: String?

    package init() {}

    /// Inserts, updates and deletes together.
    package var changes: Int { inserts + updates + deletes }

    /// Whether the two sides are equal in the compared fields.
    package var isEqual: Bool { changes == 0 }

    /// Counts one operation.
    package mutating func count(_ kind: PatchOperation.Kind) {
        switch kind {
        case .insert: inserts += 1
        case .update: updates += 1
        case .delete: deletes += 1
        }
    }

    /// The summary of the reversed patch: the two sides swapped, inserts and deletes swapped.
    package func reversed() -> DiffSummary {
        var result = self
        (result.sourceCount, result.destinationCount) = (destinationCount, sourceCount)
        (result.inserts, result.deletes) = (deletes, inserts)
        (result.sourceChecksum, result.destinationChecksum) = (destinationChecksum, sourceChecksum)
        return result
    }
}

/// The checksum of one side of a diff: SHA-256 over the 16 bytes of each record's ``RecordHash``, in
/// (model, id) order.
///
/// Record hashes cover the canonical bytes of the compared fields (id included), so the checksum changes
/// exactly when a compared field, a record or an id does: after `patch p b`, `b` has the checksum of the
/// patch's source, which is what lets `patch -R p b` pass its own destination check.
package struct RecordChecksum: Sendable {
    private var hasher = SHA256()
    /// Hashes not yet given to `hasher`: one update per 256 records instead of one per record (a diff adds
    /// every record of both sides).
    private var pending: [UInt8] = []
    private static let pendingLimit = 256 * 16

    package init() {}

    /// Adds one record.
    package mutating func add(_ hash: RecordHash) {
        if pending.isEmpty { pending.reserveCapacity(Self.pendingLimit) }
        var halves = (hash.high.bigEndian, hash.low.bigEndian)
        withUnsafeBytes(of: &halves) { pending.append(contentsOf: $0) }
        if pending.count >= Self.pendingLimit {
            pending.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// `sha256:` and 64 lowercase hex digits.
    package func finalize() -> String {
        var hasher = hasher
        pending.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return "sha256:"
            + hasher.finalize().map { byte in
                let digits = String(byte, radix: 16)
                return digits.count == 1 ? "0" + digits : digits
            }.joined()
    }
}

/// The checksums of the destination records an apply reads, in both forms a patch may record: the ordered
/// `sha256:` of ``RecordChecksum`` (streamed diffs) and the order-free segment digest (bisected diffs,
/// written as ``segmentDigestPrefix`` + 32 hex digits + `:` + count, DESIGN.md §4).
package struct DestinationChecksum: Sendable {
    /// How a bisected diff's checksums start: `monk-sha256-128-sum-v1:`.
    package static let segmentDigestPrefix = SegmentDigest.algorithm + ":"

    private var ordered = RecordChecksum()
    private var digest = SegmentDigest()

    package init() {}

    /// Adds one record.
    package mutating func add(_ hash: RecordHash) {
        ordered.add(hash)
        digest.add(hash)
    }

    /// The checksum in the form `expected` uses.
    package func value(like expected: String) -> String {
        expected.hasPrefix(Self.segmentDigestPrefix) ? Self.text(digest) : ordered.finalize()
    }

    /// A segment digest as a patch records it.
    package static func text(_ digest: SegmentDigest) -> String {
        segmentDigestPrefix + digest.hex + ":" + String(digest.count)
    }

    /// Compares with the patch's recorded checksum.
    ///
    /// - Returns: whether it matches, or `nil` when the patch records none.
    /// - Throws: ``SyncError`` `.destinationChanged` for a mismatch unless `force`.
    package func check(_ expected: String?, endpoint: String, force: Bool) throws(SyncError) -> Bool? {
        guard let expected else { return nil }
        let actual = value(like: expected)
        if actual != expected && !force {
            throw SyncError(
                code: .destinationChanged,
                message: "\(endpoint): the destination changed since the diff (checksum \(actual), the patch "
                    + "expects \(expected)); diff again, or pass --force to apply anyway"
            )
        }
        return actual == expected
    }
}
