import Synchronization

/// Whether JSONL readers leave records' hashes to the diff, shared between the reading threads and the
/// merge-join (see ``Differ/needsChecksums``).
///
/// A diff without checksums compares records with the same id by their bytes first and hashes only those
/// whose bytes differ; when most records are identical (the usual case) almost nothing is hashed at all. When
/// many records differ in bytes, for example only in ignored system fields, the merge-join would hash most
/// records on its own thread while the readers idle; the ``Differ`` then calls ``stop()`` and the readers
/// hash every record from then on, as they do without deferral.
package final class HashDeferral: Sendable {
    private let deferring = Atomic(true)

    package init() {}

    /// Whether readers should leave the next record's hash out.
    var isOn: Bool { deferring.load(ordering: .relaxed) }

    /// Makes readers hash every record from now on.
    func stop() { deferring.store(false, ordering: .relaxed) }
}
