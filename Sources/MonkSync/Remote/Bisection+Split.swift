import MonkCore

extension Bisection {
    /// Cuts each range into segments on both sides at once and returns every segment with both sides' digests.
    ///
    /// Both servers are asked the same question concurrently. A range whose two answers share every boundary
    /// (the usual case: the same ids on both sides) is done; for the others the side holding more records keeps
    /// its cut and the other side is measured over it in a second request.
    func split(_ ranges: [Segment], _ models: (source: String, destination: String)) async throws -> [Segment] {
        guard !ranges.isEmpty else { return [] }
        let segments = segmentCount(forSize: ranges.map(\.size).max() ?? 0)
        let bounds = ranges.map { (from: $0.from, to: $0.to) }
        async let sourceAnswers = self.ranges(of: source, models.source, bounds, segments: segments)
        async let destinationAnswers = self.ranges(of: destination, models.destination, bounds, segments: segments)
        return try await children(of: ranges, try await sourceAnswers, try await destinationAnswers, models)
    }

    /// The segments of `ranges` from both sides' answers for them: where the two cuts share every boundary the
    /// segments pair up at once; elsewhere the side with more records keeps its cut and the other is measured.
    func children(
        of ranges: [Segment],
        _ sourceAnswers: [RangeAnswer],
        _ destinationAnswers: [RangeAnswer],
        _ models: (source: String, destination: String)
    ) async throws -> [Segment] {
        let answers = zip(sourceAnswers, destinationAnswers)
        var result: [Segment] = []
        var sourceCuts: [(range: Segment, pieces: [RangeAnswer])] = []
        var destinationCuts: [(range: Segment, pieces: [RangeAnswer])] = []
        for (range, (left, right)) in zip(ranges, answers) {
            guard !left.segments.isEmpty, !right.segments.isEmpty else {
                throw SyncError(code: .invalidData, message: "a checksum range came back without segments")
            }
            if left.segments.count == right.segments.count,
                zip(left.segments, right.segments).allSatisfy({ $0.to == $1.to })
            {
                let last = left.segments.count - 1
                for (index, (a, b)) in zip(left.segments, right.segments).enumerated() {
                    result.append(
                        Segment(
                            from: a.from,
                            to: a.to,
                            source: a.digest,
                            destination: b.digest,
                            toIsSourceRecord: index == last ? range.toIsSourceRecord : true,
                            toIsDestinationRecord: index == last ? range.toIsDestinationRecord : true
                        )
                    )
                }
            } else if range.source.count >= range.destination.count {
                sourceCuts.append((range, left.segments))
            } else {
                destinationCuts.append((range, right.segments))
            }
        }
        async let onDestination = measure(sourceCuts, sourceSplits: true, models)
        async let onSource = measure(destinationCuts, sourceSplits: false, models)
        result += try await onDestination
        result += try await onSource
        return result
    }

    /// Measures the other side over the pieces one side cut (`sourceSplits`: the source cut).
    private func measure(
        _ cuts: [(range: Segment, pieces: [RangeAnswer])],
        sourceSplits: Bool,
        _ models: (source: String, destination: String)
    ) async throws -> [Segment] {
        guard !cuts.isEmpty else { return [] }
        let (other, otherModel) = sourceSplits ? (destination, models.destination) : (source, models.source)
        let pieces = cuts.flatMap { cut in cut.pieces.map { (from: $0.from, to: $0.to) } }
        let measured = try await ranges(of: other, otherModel, pieces, segments: 1)
        var result: [Segment] = []
        var next = measured.makeIterator()
        for cut in cuts {
            let last = cut.pieces.count - 1
            for (index, piece) in cut.pieces.enumerated() {
                guard let match = next.next() else {
                    throw SyncError(code: .invalidData, message: "\(other.endpoint): the checksum answer lost ranges")
                }
                let splitterKnows = index == last ? nil : true
                let otherKnows = index == last ? nil : false
                result.append(
                    Segment(
                        from: piece.from,
                        to: piece.to,
                        source: sourceSplits ? piece.digest : match.digest,
                        destination: sourceSplits ? match.digest : piece.digest,
                        toIsSourceRecord: (sourceSplits ? splitterKnows : otherKnows) ?? cut.range.toIsSourceRecord,
                        toIsDestinationRecord: (sourceSplits ? otherKnows : splitterKnows)
                            ?? cut.range.toIsDestinationRecord
                    )
                )
            }
        }
        return result
    }
}
