/// What `sync patch` does when the destination does not match a patch's before-images (DESIGN.md §7).
package enum ConflictStrategy: String, Sendable, CaseIterable {
    /// Stop at the first conflict and apply nothing.
    case manual
    /// Apply the patch's values anyway.
    case theirs
    /// Skip conflicting operations and apply the rest.
    case ours
}

/// How to apply a patch.
package struct ApplyOptions: Sendable, Hashable {
    package var strategy: ConflictStrategy
    /// Work out and report everything, write nothing.
    package var isDryRun: Bool
    /// Apply the patch backwards (`-R`), undoing it.
    package var isReversed: Bool
    /// Apply even when the destination's checksum differs from the one the patch recorded.
    package var ignoresChecksum: Bool

    package init(
        strategy: ConflictStrategy = .manual,
        isDryRun: Bool = false,
        isReversed: Bool = false,
        ignoresChecksum: Bool = false
    ) {
        self.strategy = strategy
        self.isDryRun = isDryRun
        self.isReversed = isReversed
        self.ignoresChecksum = ignoresChecksum
    }
}

/// An operation the destination does not match.
package struct Conflict: Sendable, Hashable, CustomStringConvertible {
    /// Why the destination does not match.
    package enum Reason: Sendable, Hashable {
        /// An insert's id already exists.
        case exists
        /// An update's or delete's record is missing.
        case missing
        /// The record differs from the patch's before-image in the compared fields.
        case differs
    }

    package var key: RecordKey
    package var operation: PatchOperation.Kind
    package var reason: Reason

    package var description: String {
        switch reason {
        case .exists: "\(key): insert conflicts: the id already exists in the destination"
        case .missing: "\(key): \(operation.rawValue) conflicts: the record is missing from the destination"
        case .differs:
            "\(key): \(operation.rawValue) conflicts: the destination record differs from the patch's before-image"
        }
    }
}

/// What applying a patch did, or with `isDryRun` would do.
package struct ApplyReport: Sendable, Hashable {
    package var inserted = 0
    package var updated = 0
    package var deleted = 0
    /// Conflicting operations skipped (`ours`).
    package var skipped = 0
    /// Conflicting operations applied anyway (`theirs`).
    package var forced = 0
    /// The conflicts found: with `manual`, the first one, which stopped the run.
    package var conflicts: [Conflict] = []
    /// Whether the destination's checksum matched the patch's (`nil` when the patch has none or a
    /// `manual` conflict stopped the check).
    package var checksumMatches: Bool?
    /// Whether nothing was written.
    package var isDryRun = false

    package init() {}

    /// Whether a `manual` conflict stopped the run (exit status 1, nothing applied).
    package var isStoppedByConflict = false

    /// Operations a checkpoint said were applied by an earlier, interrupted run, and that this run skipped.
    package var resumedAfter = 0

    /// Inserts, updates and deletes applied.
    package var changes: Int { inserted + updated + deleted }
}
