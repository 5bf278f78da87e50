import MonkCore

extension Bisection {
    /// How many hash-list leaves are compared at once (each reads both sides in parallel).
    static let leafConcurrency = 4
    /// Record-by-record leaves read per batch (``leafBatchSize``): four checksum requests a side, so two stay in
    /// flight while the client holds the answers of at most this many leaves (a 1 %-changed million-record
    /// model has ~10^4 differing leaves, whose answers held at once were ~50 MB of ids).
    static let leafBatch = 4 * 1_024

    /// Compares leaf ranges and returns the ids that differ.
    ///
    /// Leaves of up to 1,024 records (the server's segment limit) are read one segment per record on both
    /// sides at once, ``leafBatchSize`` leaves at a time: each inner boundary is a record's id and each digest its hash. A leaf whose last record's
    /// id is not known on a side (its upper bound was never that side's boundary), and any larger leaf, is
    /// compared by `/hashes` lists instead.
    func compareLeaves(_ leaves: [Segment], _ models: (source: String, destination: String)) async throws
        -> Outcome
    {
        var outcome = Outcome()
        let recordwise = leaves.filter { $0.size <= Self.factor }
        var listed = leaves.filter { $0.size > Self.factor }
        let batchSize = max(1, leafBatchSize)
        for start in stride(from: 0, to: recordwise.count, by: batchSize) {
            let batch = recordwise[start..<min(recordwise.count, start + batchSize)]
            let bounds = batch.map { (from: $0.from, to: $0.to) }
            async let sourceAnswers = ranges(of: source, models.source, bounds, segments: Self.factor)
            async let destinationAnswers = ranges(of: destination, models.destination, bounds, segments: Self.factor)
            let answers = try await zip(sourceAnswers, destinationAnswers)
            for (leaf, (left, right)) in zip(batch, answers) {
                guard let sourceRecords = Self.records(left, toIsRecord: leaf.toIsSourceRecord),
                    let destinationRecords = Self.records(right, toIsRecord: leaf.toIsDestinationRecord)
                else {
                    listed.append(leaf)
                    continue
                }
                Self.join(sourceRecords, destinationRecords, into: &outcome)
            }
        }
        outcome.add(try await compareLists(listed, models))
        return outcome
    }

    /// `(id, hash)` of each record of a one-segment-per-record answer, or `nil` when an id is not known: the
    /// last segment ends at the range's bound, which is a record's id only when `toIsRecord`.
    static func records(_ answer: RangeAnswer, toIsRecord: Bool) -> [(id: String, hash: SegmentDigest)]? {
        var records: [(id: String, hash: SegmentDigest)] = []
        let last = answer.segments.count - 1
        for (index, segment) in answer.segments.enumerated() {
            if segment.digest.count == 0 && answer.segments.count == 1 { break }
            guard segment.digest.count == 1, let id = segment.to, index < last || toIsRecord else { return nil }
            records.append((id, segment.digest))
        }
        return records
    }

    /// Merge-joins two id-ordered lists and records what differs.
    static func join<Hash: Equatable>(
        _ left: [(id: String, hash: Hash)],
        _ right: [(id: String, hash: Hash)],
        into outcome: inout Outcome
    ) {
        var i = 0
        var j = 0
        while i < left.count || j < right.count {
            let order = i == left.count ? 1 : j == right.count ? -1 : UTF8Order.compare(left[i].id, right[j].id)
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
    }

    /// Compares leaves by their `{id, hash}` lists, a few at a time.
    private func compareLists(_ leaves: [Segment], _ models: (source: String, destination: String)) async throws
        -> Outcome
    {
        var outcome = Outcome()
        var next = 0
        try await withThrowingTaskGroup(of: Outcome.self) { group in
            func start() {
                guard next < leaves.count else { return }
                let segment = leaves[next]
                next += 1
                group.addTask {
                    async let left = hashes(of: source, models.source, segment)
                    async let right = hashes(of: destination, models.destination, segment)
                    var part = Outcome()
                    Self.join(try await left, try await right, into: &part)
                    return part
                }
            }
            for _ in 0..<Self.leafConcurrency { start() }
            while let part = try await group.next() {
                outcome.add(part)
                start()
            }
        }
        return outcome
    }
}
