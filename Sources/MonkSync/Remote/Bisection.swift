import MonkClient
import MonkCore

/// Finds the ids whose records differ between one model on two servers without moving the records
/// (DESIGN.md §6, API.md §8.3): compare segment digests from `/api/sync/:model/checksum`, split differing
/// segments 32 ways, and below 16,384 records compare `{id, hash}` lists from `/hashes`.
///
/// The side holding more records in a range picks its boundaries; the other is asked for the same ranges,
/// so both sum the same id intervals. When most segments of a split differ (changes scattered everywhere),
/// splitting further would cost more than it saves, and those ranges are compared by hash lists at once.
struct Bisection {
    /// Segments per split.
    static let factor = 32
    /// Ranges at or below this many records (on the larger side) are compared by hash lists.
    static let leafSize = 16_384

    let source: RemoteConnection
    let destination: RemoteConnection
    /// The `where`, `fields` and `ignore_fields` keys sent with every request.
    let filterKeys: JSONObject
    /// Segments per split (``factor`` unless a test asks for another).
    var splitFactor = Bisection.factor
    /// The leaf size (``leafSize`` unless a test asks for another).
    var leafLimit = Bisection.leafSize

    /// The result for one model.
    struct Outcome {
        /// Ids only the source has, only the destination has, and both have with different hashes; sorted.
        var sourceOnly: [String] = []
        var destinationOnly: [String] = []
        var changed: [String] = []
        /// The whole model's digest on each side.
        var sourceDigest = SegmentDigest()
        var destinationDigest = SegmentDigest()
    }

    /// An id interval `from < id ≤ to` with each side's count and digest.
    struct Segment {
        var from: String?
        var to: String?
        var source: SegmentDigest
        var destination: SegmentDigest

        var isEqual: Bool { source == destination }
        var size: Int { max(source.count, destination.count) }
    }

    /// Compares `model` (named `sourceModel` on the source) on both servers.
    ///
    /// - Throws: ``TransportError`` (404 `NOT_FOUND` when a server lacks the routes, which the caller
    ///   answers by streaming), ``SyncError`` `.invalidData` for answers that do not fit API.md §8.
    func run(sourceModel: String, destinationModel: String) async throws -> Outcome {
        var outcome = Outcome()
        async let sourceWhole = ranges(of: source, sourceModel, [(nil, nil)], segments: 1)
        async let destinationWhole = ranges(of: destination, destinationModel, [(nil, nil)], segments: 1)
        outcome.sourceDigest = try await sourceWhole.first?.digest ?? SegmentDigest()
        outcome.destinationDigest = try await destinationWhole.first?.digest ?? SegmentDigest()
        let whole = Segment(from: nil, to: nil, source: outcome.sourceDigest, destination: outcome.destinationDigest)
        if Self.mostlyDiffers(whole, leafLimit: leafLimit) { throw BisectionUnavailable() }
        var pending = whole.isEqual ? [] : [whole]
        while !pending.isEmpty {
            let split = try await self.split(pending, sourceModel, destinationModel)
            let differing = split.filter { !$0.isEqual }
            let scattered = differing.count * 2 > split.count && split.count > 1
            pending = differing.filter { $0.size > leafLimit && !scattered }
            let leaves = differing.filter { $0.size <= leafLimit || scattered }
            try await compareLeaves(leaves, sourceModel, destinationModel, into: &outcome)
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

    /// Splits each range 32 ways by the side with more records (the source on the first round), and
    /// measures the other side over the same boundaries.
    private func split(_ segments: [Segment], _ sourceModel: String, _ destinationModel: String) async throws
        -> [Segment]
    {
        var result: [Segment] = []
        for range in segments {
            let sourceSplits = range.source.count >= range.destination.count
            let (splitter, splitModel, other, otherModel) =
                sourceSplits
                ? (source, sourceModel, destination, destinationModel)
                : (destination, destinationModel, source, sourceModel)
            let pieces =
                try await ranges(of: splitter, splitModel, [(range.from, range.to)], segments: splitFactor)
                .first?.segments ?? []
            let measured = try await self.ranges(of: other, otherModel, pieces.map { ($0.from, $0.to) }, segments: 1)
            guard measured.count == pieces.count else {
                throw SyncError(code: .invalidData, message: "\(other.endpoint): the checksum answer lost ranges")
            }
            for (piece, match) in zip(pieces, measured) {
                result.append(
                    Segment(
                        from: piece.from,
                        to: piece.to,
                        source: sourceSplits ? piece.digest : match.digest,
                        destination: sourceSplits ? match.digest : piece.digest
                    )
                )
            }
        }
        return result
    }

    /// How many leaf ranges are compared at once (each reads both sides in parallel).
    static let leafConcurrency = 4

    /// Compares the leaves' hash lists, a few at a time, and records the differing ids.
    private func compareLeaves(
        _ leaves: [Segment],
        _ sourceModel: String,
        _ destinationModel: String,
        into outcome: inout Outcome
    ) async throws {
        var next = 0
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            func start() {
                guard next < leaves.count else { return }
                let segment = leaves[next]
                next += 1
                group.addTask { try await compareHashes(segment, sourceModel, destinationModel) }
            }
            for _ in 0..<Self.leafConcurrency { start() }
            while let part = try await group.next() {
                outcome.sourceOnly += part.sourceOnly
                outcome.destinationOnly += part.destinationOnly
                outcome.changed += part.changed
                start()
            }
        }
    }

    /// Compares the `{id, hash}` lists of both sides over one range: the ids that differ.
    private func compareHashes(
        _ segment: Segment,
        _ sourceModel: String,
        _ destinationModel: String
    ) async throws -> Outcome {
        var outcome = Outcome()
        async let leftHashes = hashes(of: source, sourceModel, segment)
        async let rightHashes = hashes(of: destination, destinationModel, segment)
        let (left, right) = try await (leftHashes, rightHashes)
        var i = 0
        var j = 0
        while i < left.count || j < right.count {
            let order =
                i == left.count ? 1 : j == right.count ? -1 : UTF8Order.compare(left[i].id, right[j].id)
            if order < 0 {
                outcome.sourceOnly.append(left[i].id)
                i += 1
            } else if order > 0 {
                outcome.destinationOnly.append(right[j].id)
                j += 1
            } else {
                if left[i].hash != right[j].hash { outcome.changed.append(left[i].id) }
                i += 1
                j += 1
            }
        }
        return outcome
    }
}
