/// Which of a diff's operations `sync pull`, `push` and `copy` apply (DESIGN.md §13, issue #7).
///
/// ```swift
/// TransferStrategy.merge.admits(.delete)   // false: merge never deletes
/// ```
package enum TransferStrategy: String, Sendable, CaseIterable {
    /// The destination becomes equal to the source: inserts, updates and deletes.
    case replace
    /// Existing ids are updated and new ones inserted; nothing is deleted.
    case merge
    /// Only ids the destination lacks are inserted.
    case skipExisting = "skip-existing"

    /// Whether an operation of `kind` is applied under this strategy.
    package func admits(_ kind: PatchOperation.Kind) -> Bool {
        switch (self, kind) {
        case (.replace, _), (.merge, .insert), (.merge, .update), (.skipExisting, .insert): true
        case (.merge, .delete), (.skipExisting, .update), (.skipExisting, .delete): false
        }
    }
}
