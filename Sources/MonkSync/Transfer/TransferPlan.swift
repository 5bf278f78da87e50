/// What one transfer will apply: a diff's counts after the strategy and the safety rules have filtered its
/// operations. `--dry-run` prints these, and a real run applies exactly these.
package struct TransferPlan: Sendable, Hashable {
    /// Records in the source (in scope).
    package var sourceCount = 0
    /// Records in the destination (in scope) at diff time.
    package var destinationCount = 0
    /// Records equal on both sides.
    package var unchanged = 0
    package var inserts = 0
    package var updates = 0
    package var deletes = 0
    /// Operations the strategy leaves out (merge: deletes; skip-existing: updates and deletes).
    package var skipped = 0
    /// Deletes withheld because an earlier part of the run failed.
    package var withheldDeletes = 0
    /// `sha256:<hex>` over the source's records in scope (``RecordChecksum``), when the diff knows it.
    package var sourceChecksum: String?
    /// Whether the destination was empty, so the job streams the source straight into it
    /// (``TransferStream``) instead of applying a patch.
    package var isDirect = false

    package init() {}

    /// Inserts, updates and deletes to apply.
    package var changes: Int { inserts + updates + deletes }

    /// Counts one admitted operation.
    package mutating func count(_ kind: PatchOperation.Kind) {
        switch kind {
        case .insert: inserts += 1
        case .update: updates += 1
        case .delete: deletes += 1
        }
    }

    /// Adds another plan's counts (one model of a multi-model run).
    package mutating func add(_ other: TransferPlan) {
        sourceCount += other.sourceCount
        destinationCount += other.destinationCount
        unchanged += other.unchanged
        inserts += other.inserts
        updates += other.updates
        deletes += other.deletes
        skipped += other.skipped
        withheldDeletes += other.withheldDeletes
    }
}
