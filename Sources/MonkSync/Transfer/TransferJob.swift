/// One source → destination pair of a transfer: usually one model, or a whole endpoint.
///
/// The job knows how to diff its source against its destination into a patch file and which
/// ``PatchTarget`` applies the result; so local directories, JSONL files and remote models all transfer
/// through the same ``Transfer``.
///
/// ```swift
/// let job = TransferJob(label: "users", destination: "backup/users.jsonl", diff: { path in
///     try await LocalDiff(selection: .default).run(from: source, to: destination, patchPath: path,
///                                                  createdAt: now, generator: "monk 0.1.0")
/// }, target: { _ in try LocalPatchTarget(destination) })
/// ```
package struct TransferJob: Sendable {
    /// What progress and messages call this job (a model name or an endpoint).
    package var label: String
    /// The destination as the user wrote it, for guard messages.
    package var destination: String
    /// Diffs the source against the destination into a patch at the given path and returns its header.
    package var diff: @Sendable (_ patchPath: String) async throws -> PatchHeader
    /// Opens the destination for applying; the target calls `onBatch` with the operations it has committed
    /// so far after each batch (targets that apply in one step need not call it).
    package var target: @Sendable (_ onBatch: @escaping BatchHandler) async throws -> any PatchTarget
    /// The direct path taken instead of the diff when the destination is empty, or `nil` for none.
    package var stream: TransferStream?

    /// Receives the operations committed so far; throwing (`CancellationError`) stops the apply there.
    package typealias BatchHandler = @Sendable (_ committed: Int) async throws -> Void

    package init(
        label: String,
        destination: String,
        diff: @escaping @Sendable (_ patchPath: String) async throws -> PatchHeader,
        target: @escaping @Sendable (_ onBatch: @escaping BatchHandler) async throws -> any PatchTarget,
        stream: TransferStream? = nil
    ) {
        self.label = label
        self.destination = destination
        self.diff = diff
        self.target = target
        self.stream = stream
    }
}

/// What one job did, or with a dry run would do.
package struct TransferOutcome: Sendable {
    /// The job's label.
    package var label: String
    /// The filtered diff.
    package var plan: TransferPlan
    /// What the apply reported; `nil` when there was nothing to apply.
    package var applied: ApplyReport?

    /// Inserts, updates and deletes applied (or, in a dry run, that would be).
    package var changes: Int { applied?.changes ?? 0 }
}
