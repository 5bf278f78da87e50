import MonkCore

/// Receives a diff's operations in (model, id) order: a patch writer, or (later) a bulk applier.
package protocol OperationSink: AnyObject {
    /// Takes one operation.
    func write(_ operation: PatchOperation) async throws
}

/// Compares two record sources by a sorted merge-join (DESIGN.md §6) and emits the operations that turn the
/// destination into the source.
///
/// Memory holds one record from each side plus the two images of an update: sources stream in id order.
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
        let sourceCursor = Cursor(source)
        let destinationCursor = Cursor(destination)
        var left = try await sourceCursor.next()
        var right = try await destinationCursor.next()
        var steps = 0
        var progress = DiffProgress()
        progress.sourceTotal = source.expectedCount
        progress.destinationTotal = destination.expectedCount
        while left != nil || right != nil {
            steps += 1
            if steps % 4096 == 0 { try Task.checkCancellation() }
            if let onProgress, steps % Self.progressInterval == 0 {
                progress.sourceRecords = summary.unchanged + summary.updates + summary.inserts
                progress.destinationRecords = summary.unchanged + summary.updates + summary.deletes
                onProgress(progress)
            }
            let order = Self.order(left, right, alias: alias)
            if order < 0, let a = left {
                try await sink.write(.insert(model: alias ?? a.model, record: a.record))
                summary.count(.insert)
                sourceChecksum.add(a.record.hash)
                left = try await sourceCursor.next()
            } else if order > 0, let b = right {
                try await sink.write(.delete(model: alias ?? b.model, record: b.record))
                summary.count(.delete)
                destinationChecksum.add(b.record.hash)
                right = try await destinationCursor.next()
            } else if let a = left, let b = right {
                if a.record.hash == b.record.hash {
                    summary.unchanged += 1
                } else {
                    try await sink.write(try update(model: alias ?? a.model, old: b.record, new: a.record))
                    summary.count(.update)
                }
                sourceChecksum.add(a.record.hash)
                destinationChecksum.add(b.record.hash)
                left = try await sourceCursor.next()
                right = try await destinationCursor.next()
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
        summary.sourceChecksum = sourceChecksum.finalize()
        summary.destinationChecksum = destinationChecksum.finalize()
        return summary
    }

    /// One side of the merge-join. Records of a batch that a ``PrefetchingRecordSource`` has already handed
    /// over are taken without an async call per record.
    private struct Cursor {
        let source: any RecordSource
        let prefetching: PrefetchingRecordSource?

        init(_ source: any RecordSource) {
            self.source = source
            prefetching = source as? PrefetchingRecordSource
        }

        @inline(__always)
        func next() async throws -> ModelRecord? {
            if let record = prefetching?.nextReady() { return record }
            return try await source.next()
        }
    }

    /// Which side's record comes first: negative for the source's, positive for the destination's, zero for
    /// the same key. A missing record sorts last; with an alias only ids are compared.
    private static func order(_ left: ModelRecord?, _ right: ModelRecord?, alias: String?) -> Int {
        guard let left else { return 1 }
        guard let right else { return -1 }
        if alias != nil { return UTF8Order.compare(left.id, right.id) }
        return RecordKey.compare(left.key, right.key)
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
