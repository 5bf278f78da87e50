/// Copies a patch file keeping only the operations a ``TransferStrategy`` applies, and counts them into a
/// ``TransferPlan``.
///
/// The copy keeps the header (endpoints, comparison, checksums) and gets the admitted counts, so any
/// ``PatchTarget`` applies it like a patch from `sync diff -o`. Memory holds one operation.
///
/// ```swift
/// let plan = try await PatchFilter(strategy: .merge).filter(patchAt: diffPath, into: applyPath)
/// plan.deletes   // 0: merge never deletes
/// ```
package struct PatchFilter: Sendable {
    package var strategy: TransferStrategy
    /// Leave out every delete (an earlier part of the run failed: no deletes after an error).
    package var withholdsDeletes: Bool

    package init(strategy: TransferStrategy, withholdsDeletes: Bool = false) {
        self.strategy = strategy
        self.withholdsDeletes = withholdsDeletes
    }

    /// Reads the patch at `input` and writes the filtered one to `output` (atomically).
    ///
    /// - Returns: the counts of the filtered patch, with the diff's source, destination and unchanged counts.
    /// - Throws: ``SyncError`` for an unreadable patch or an unwritable output.
    package func filter(patchAt input: String, into output: String) async throws -> TransferPlan {
        let reader = try PatchReader(path: input)
        let writer = try PatchWriter(path: output)
        var plan = TransferPlan()
        var steps = 0
        while let operation = try reader.next() {
            steps += 1
            if steps % 4096 == 0 { try Task.checkCancellation() }
            guard strategy.admits(operation.kind) else {
                plan.skipped += 1
                continue
            }
            if withholdsDeletes && operation.kind == .delete {
                plan.withheldDeletes += 1
                continue
            }
            plan.count(operation.kind)
            try await writer.write(operation)
        }
        var header = reader.header
        plan.sourceCount = header.summary.sourceCount
        plan.destinationCount = header.summary.destinationCount
        plan.unchanged = header.summary.unchanged
        plan.sourceChecksum = header.summary.sourceChecksum
        header.summary.inserts = plan.inserts
        header.summary.updates = plan.updates
        header.summary.deletes = plan.deletes
        try writer.finish(header: header)
        return plan
    }
}
