/// How far a streamed diff has read: records per side, and each side's total when the source knows it.
///
/// ``Differ`` reports it every few thousand records and once at the end; `sync diff` turns it into a
/// progress bar or JSON lines on standard error (DESIGN.md §12).
///
/// ```swift
/// var differ = Differ(selection: .default)
/// differ.onProgress = { progress in reporter.update(done: progress.done, total: progress.total, phase: "diff") }
/// ```
package struct DiffProgress: Sendable, Hashable {
    /// Records read from the source so far.
    package var sourceRecords = 0
    /// Records read from the destination so far.
    package var destinationRecords = 0
    /// How many records the source holds, when it knows (an indexed file does, a sorted stream does not).
    package var sourceTotal: Int?
    /// How many records the destination holds, when it knows.
    package var destinationTotal: Int?
    /// Whether both sides have been read to their end.
    package var isFinished = false

    package init() {}

    /// Records read from both sides.
    package var done: Int { sourceRecords + destinationRecords }

    /// Both sides' records together, when both totals are known (then an ETA can be shown).
    package var total: Int? {
        guard let sourceTotal, let destinationTotal else { return nil }
        return sourceTotal + destinationTotal
    }
}
