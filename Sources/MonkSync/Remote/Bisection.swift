import MonkClient
import MonkCore

/// Finds the ids whose records differ between one model on two servers without moving the records
/// (DESIGN.md §6, API.md §8.3), by comparing segment digests from `/api/sync/:model/checksum`.
///
/// Each round asks both servers at once, with the same ranges and segment count, so when the two sides hold
/// the same ids (no change, or changed values only) their boundaries coincide and one round trip compares a
/// whole level. Where the boundaries differ (inserts, deletes), the side with more records keeps its cut and the
/// other is measured over it. A range is cut into as many segments as it takes to reach ``leafSize`` records
/// (at most ``factor``), so changes scattered over every part of a model cost a few levels, not a stream. Leaves
/// are read one segment per record, which names each record's id and hash, and the differing ones are listed;
/// only a leaf whose last id is not known on a side falls back to `/hashes`.
struct Bisection {
    /// The most segments one range is cut into per round (the server's limit).
    static let factor = 1_024
    /// Ranges at or below this many records (on the larger side) are read record by record.
    static let leafSize = 16

    let source: RemoteConnection
    let destination: RemoteConnection
    /// The `where`, `fields` and `ignore_fields` keys sent with every request.
    let filterKeys: JSONObject
    /// Segments per range and round at most (``factor`` unless a test asks for another).
    var splitFactor = Bisection.factor
    /// The leaf size (``leafSize`` unless a test asks for another).
    var leafLimit = Bisection.leafSize
    /// Leaves read record by record per batch (``leafBatch`` unless a test asks for another).
    var leafBatchSize = Bisection.leafBatch
    /// Past this many differing segments at once the caller is better off streaming: it throws
    /// ``BisectionUnavailable`` (each differing segment holds at least one differing record).
    var differenceLimit = Int.max

    /// The result for one model.
    struct Outcome {
        /// Ids only the source has, only the destination has, and both have with different hashes; sorted.
        var sourceOnly: [String] = []
        var destinationOnly: [String] = []
        var changed: [String] = []
        /// The whole model's digest on each side.
        var sourceDigest = SegmentDigest()
        var destinationDigest = SegmentDigest()

        mutating func add(_ other: Outcome) {
            sourceOnly += other.sourceOnly
            destinationOnly += other.destinationOnly
            changed += other.changed
        }
    }

    /// An id interval `from < id ≤ to` with each side's count and digest, and whether `to` is known to be the
    /// id of a record on each side (it was a boundary that side cut at).
    struct Segment {
        var from: String?
        var to: String?
        var source: SegmentDigest
        var destination: SegmentDigest
        var toIsSourceRecord = false
        var toIsDestinationRecord = false

        var isEqual: Bool { source == destination }
        var size: Int { max(source.count, destination.count) }
    }

    /// Compares `model` (named `sourceModel` on the source) on both servers.
    ///
    /// - Throws: ``TransportError`` (404 `NOT_FOUND` when a server lacks the routes, which the caller
    ///   answers by streaming), ``BisectionUnavailable`` when streaming is the better way (most records
    ///   differ), ``SyncError`` `.invalidData` for answers that do not fit API.md §8.
    func run(sourceModel: String, destinationModel: String) async throws -> Outcome {
        let models = (sourceModel, destinationModel)
        var outcome = Outcome()
        // The first round cuts the whole model on both sides at once; its range digests answer "any change?".
        async let sourceWhole = ranges(of: source, sourceModel, [(nil, nil)], segments: splitFactor)
        async let destinationWhole = ranges(of: destination, destinationModel, [(nil, nil)], segments: splitFactor)
        let (left, right) = try await (sourceWhole, destinationWhole)
        guard let sourceDigest = left.first?.digest, let destinationDigest = right.first?.digest else {
            throw SyncError(code: .invalidData, message: "a checksum answer has no range")
        }
        outcome.sourceDigest = sourceDigest
        outcome.destinationDigest = destinationDigest
        let whole = Segment(from: nil, to: nil, source: sourceDigest, destination: destinationDigest)
        if Self.mostlyDiffers(whole, leafLimit: leafLimit) { throw BisectionUnavailable() }
        if whole.isEqual { return outcome }
        var pending = try await children(of: [whole], left, right, models).filter { !$0.isEqual }
        while !pending.isEmpty {
            guard pending.count <= differenceLimit else { throw BisectionUnavailable() }
            let leaves = pending.filter { $0.size <= leafLimit }
            let inner = pending.filter { $0.size > leafLimit }
            async let leafOutcome = compareLeaves(leaves, models)
            async let children = split(inner, models)
            pending = try await children.filter { !$0.isEqual }
            outcome.add(try await leafOutcome)
        }
        outcome.sourceOnly.sort(by: JSONObject.precedes)
        outcome.destinationOnly.sort(by: JSONObject.precedes)
        outcome.changed.sort(by: JSONObject.precedes)
        return outcome
    }

    /// Whether at least half of the larger side cannot match (say, an empty or half-filled destination):
    /// then every record moves anyway, and streaming both sides moves them in bounded memory, while a
    /// bisection would list and fetch them all.
    static func mostlyDiffers(_ whole: Segment, leafLimit: Int) -> Bool {
        let larger = max(whole.source.count, whole.destination.count)
        let smaller = min(whole.source.count, whole.destination.count)
        return larger > leafLimit && smaller * 2 <= larger
    }

    /// Segments per range for ranges of up to `size` records: enough to reach leaves, at most ``splitFactor``,
    /// at least 2.
    func segmentCount(forSize size: Int) -> Int {
        max(2, min(splitFactor, (size + leafLimit - 1) / max(1, leafLimit)))
    }
}

/// A server whose digests follow another rule than this client's, or a model where so much differs that
/// streaming is cheaper: bisection is not used (API.md §8.1).
struct BisectionUnavailable: Error {}
