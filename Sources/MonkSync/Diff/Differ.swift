import MonkCore

/// Receives a diff's operations in (model, id) order: a patch writer, or (later) a bulk applier.
package protocol OperationSink: AnyObject {
    /// Takes one operation.
    func write(_ operation: PatchOperation) async throws
}

/// Compares two record sources by a sorted merge-join (DESIGN.md §6) and emits the operations that turn the
/// destination into the source.
///
/// Memory holds one batch from each side plus the two images of an update: sources stream in id order, and
/// records are compared in their batches (``DiffCursor``), so only those that become operations are copied out.
/// Records are equal when their hashes are, so the comparison follows the ``FieldSelection`` the sources
/// were opened with. When each side has exactly one model the two are compared whatever their names, and
/// operations carry the destination's model name (the source's when the destination has none).
///
/// ```swift
/// let summary = try await Differ(selection: .default).diff(source, against: destination, into: writer)
/// summary.isEqual   // exit status 0 or 1
/// ```
package struct Differ: Sendable {
    /// What the hashes compare; also decides which fields an update's ``FieldChange`` names.
    package let selection: FieldSelection
    /// Receives how far the diff has read, every ``progressInterval`` records and once at the end; `nil`
    /// reports nothing.
    package var onProgress: (@Sendable (DiffProgress) -> Void)?

    /// Whether the summary carries both sides' checksums. Without them, sources may defer hashing
    /// (``RecordCanonicalizer/defersHashes``): records with the same bytes are equal without a hash.
    package var needsChecksums = true
    /// The readers' deferral of hashes, which the diff stops when it finds itself hashing much of the input.
    package var hashDeferral: HashDeferral?

    /// How many merge steps pass between two progress reports.
    static let progressInterval = 16_384

    package init(selection: FieldSelection, onProgress: (@Sendable (DiffProgress) -> Void)? = nil) {
        self.selection = selection
        self.onProgress = onProgress
    }

    /// Streams both sources to their end and writes every difference to `sink`.
    ///
    /// - Returns: the counts and both sides' checksums.
    /// - Throws: what the sources or the sink throw (``SyncError`` for bad or unsorted records).
    package func diff(
        _ source: any RecordSource,
        against destination: any RecordSource,
        into sink: any OperationSink
    ) async throws -> DiffSummary {
        let alias = Self.commonModel(source.models, destination.models)
        var summary = DiffSummary()
        var sourceChecksum = RecordChecksum()
        var destinationChecksum = RecordChecksum()
        var left = try await DiffCursor(source)
        var right = try await DiffCursor(destination)
        var steps = 0
        var progress = DiffProgress()
        progress.sourceTotal = source.expectedCount
        progress.destinationTotal = destination.expectedCount
        while !left.isAtEnd || !right.isAtEnd {
            steps += 1
            if steps % 4096 == 0 {
                try Task.checkCancellation()
                // Past one record in eight hashed here, the readers hash again (see ``HashDeferral``).
                if let hashDeferral, left.deferredHashes + right.deferredHashes > 1_024 { hashDeferral.stop() }
                left.deferredHashes = 0
                right.deferredHashes = 0
            }
            if let onProgress, steps % Self.progressInterval == 0 {
                progress.sourceRecords = summary.unchanged + summary.updates + summary.inserts
                progress.destinationRecords = summary.unchanged + summary.updates + summary.deletes
                onProgress(progress)
            }
            let order = DiffCursor.order(left, right, alias: alias)
            if order < 0 {
                let a = left.record()
                try await sink.write(.insert(model: alias ?? a.model, record: a.record))
                summary.count(.insert)
                if needsChecksums { sourceChecksum.add(a.record.hash) }
                try await left.advance()
            } else if order > 0 {
                let b = right.record()
                try await sink.write(.delete(model: alias ?? b.model, record: b.record))
                summary.count(.delete)
                if needsChecksums { destinationChecksum.add(b.record.hash) }
                try await right.advance()
            } else {
                if DiffCursor.haveEqualContent(&left, &right) {
                    summary.unchanged += 1
                } else {
                    let (a, b) = (left.record(), right.record())
                    try await sink.write(try update(model: alias ?? a.model, old: b.record, new: a.record))
                    summary.count(.update)
                }
                if needsChecksums {
                    sourceChecksum.add(left.hash())
                    destinationChecksum.add(right.hash())
                }
                try await left.advance()
                try await right.advance()
            }
        }
        summary.sourceCount = summary.unchanged + summary.updates + summary.inserts
        summary.destinationCount = summary.unchanged + summary.updates + summary.deletes
        if let onProgress {
            progress.sourceRecords = summary.sourceCount
            progress.destinationRecords = summary.destinationCount
            progress.isFinished = true
            onProgress(progress)
        }
        if needsChecksums {
            summary.sourceChecksum = sourceChecksum.finalize()
            summary.destinationChecksum = destinationChecksum.finalize()
        }
        return summary
    }

    /// The update from `old` to `new`, with its field-level change.
    private func update(model: String, old: CanonicalRecord, new: CanonicalRecord) throws(SyncError) -> PatchOperation {
        let change = FieldChange(
            from: try PatchOperation.object(of: old, model: model),
            to: try PatchOperation.object(of: new, model: model),
            selection: selection
        )
        return .update(model: model, old: old, new: new, change: change)
    }

    /// The one model name both sides share when each has exactly one model: the destination's, else the
    /// source's; `nil` when either side has several models (then names must match).
    static func commonModel(_ source: [String], _ destination: [String]) -> String? {
        guard source.count == 1, destination.count == 1 else { return nil }
        return destination[0].isEmpty ? source[0] : destination[0]
    }
}
