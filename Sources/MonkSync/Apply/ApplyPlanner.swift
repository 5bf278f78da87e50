import MonkCore

/// Receives the records a destination should hold after an apply, in (model, id) order.
///
/// A JSONL writer rewrites the whole file, so it needs ``keep(_:)`` for untouched records; a `files`
/// directory writer only touches changed files.
protocol DestinationWriter: AnyObject {
    /// A destination record the patch leaves as it is.
    func keep(_ record: ModelRecord) throws
    /// A record to write, new or replacing the one with its id.
    func put(_ record: ModelRecord) throws
    /// A record to remove.
    func remove(_ key: RecordKey) throws
    /// Makes everything written visible (renames temporary files into place).
    func commit() throws
}

/// Merge-joins a patch's operations with the destination's records and decides, per operation, whether it
/// applies cleanly, conflicts, or is skipped or forced by the ``ConflictStrategy`` (DESIGN.md §7).
///
/// The same pass runs twice: first without a writer (plan: conflicts, counts, checksum; what `--dry-run`
/// reports), then, when the plan allows it, with one. Memory holds one record and one operation.
struct ApplyPlanner {
    let strategy: ConflictStrategy
    /// The comparison the patch was made with.
    let selection: FieldSelection
    /// The patch's filter: only matching destination records count towards the checksum.
    let filter: RecordFilter?

    /// Runs one pass.
    ///
    /// - Returns: the report, and the checksums of the destination records read (in the patch's scope).
    func run(
        _ operations: PatchStream,
        against destination: any RecordSource,
        writer: (any DestinationWriter)?
    ) async throws -> (report: ApplyReport, checksum: DestinationChecksum) {
        var report = ApplyReport()
        var checksum = DestinationChecksum()
        var current = try await destination.next()
        var steps = 0
        while let operation = try operations.next() {
            steps += 1
            if steps % 4096 == 0 { try Task.checkCancellation() }
            while let record = current, record.key < operation.key {
                if isInScope(record) { checksum.add(record.record.hash) }
                try writer?.keep(record)
                current = try await destination.next()
            }
            let existing = current.flatMap { $0.key == operation.key ? $0 : nil }
            if let existing {
                if isInScope(existing) { checksum.add(existing.record.hash) }
                current = try await destination.next()
            }
            try apply(operation, to: existing, report: &report, writer: writer)
            if report.isStoppedByConflict { return (report, checksum) }
        }
        while let record = current {
            if isInScope(record) { checksum.add(record.record.hash) }
            try writer?.keep(record)
            current = try await destination.next()
        }
        return (report, checksum)
    }

    /// Whether a destination record was part of the diff (matches the patch's filter).
    private func isInScope(_ record: ModelRecord) -> Bool {
        filter?.matches(record.record) ?? true
    }

    /// Applies one operation to the destination's record with its key (`nil` when there is none).
    private func apply(
        _ operation: PatchOperation,
        to existing: ModelRecord?,
        report: inout ApplyReport,
        writer: (any DestinationWriter)?
    ) throws {
        let reason = conflict(operation, existing)
        if let reason {
            report.conflicts.append(Conflict(key: operation.key, operation: operation.kind, reason: reason))
            switch strategy {
            case .manual:
                report.isStoppedByConflict = true
                return
            case .ours:
                report.skipped += 1
                if let existing { try writer?.keep(existing) }
                return
            case .theirs:
                report.forced += 1
            }
        }
        let model = operation.model
        switch operation {
        case .insert(_, let record):
            report.inserted += 1
            try writer?.put(ModelRecord(model: model, record: record))
        case .update(_, _, let new, let change):
            report.updated += 1
            guard let existing else {
                try writer?.put(ModelRecord(model: model, record: new))
                return
            }
            guard writer != nil else { return }
            let object = change.applied(to: try PatchOperation.object(of: existing.record, model: model))
            try writer?.put(
                ModelRecord(model: model, record: try CanonicalRecord(object: object, selection: selection))
            )
        case .delete:
            if existing != nil {
                report.deleted += 1
                try writer?.remove(operation.key)
            }
        }
    }

    /// Why `operation` conflicts with the destination's record, or `nil` when it applies cleanly.
    private func conflict(_ operation: PatchOperation, _ existing: ModelRecord?) -> Conflict.Reason? {
        switch (operation, existing) {
        case (.insert, nil): nil
        case (.insert, _?): .exists
        case (_, nil): .missing
        case (_, let record?): record.record.hash == operation.beforeImage?.hash ? nil : .differs
        }
    }
}
