import MonkClient
import MonkCore

/// How patches are applied to servers.
package struct RemoteTargetOptions: Sendable {
    /// Operations per `/api/bulk` request when a patch does not fit in one (`--batch-size`).
    package var batchSize: Int
    /// Where batched applies record their progress, so a rerun resumes; `nil` keeps none.
    package var checkpoints: CheckpointStore?
    /// Called after each committed batch (and its checkpoint) with the operations applied so far: progress
    /// reporting; throwing (`CancellationError`) stops the run there, resumable.
    package var onBatch: (@Sendable (Checkpoint) async throws -> Void)?

    package init(
        batchSize: Int = 1_000,
        checkpoints: CheckpointStore? = nil,
        onBatch: (@Sendable (Checkpoint) async throws -> Void)? = nil
    ) {
        self.batchSize = batchSize
        self.checkpoints = checkpoints
        self.onBatch = onBatch
    }
}

/// Applies patches to models on a server through `/api/bulk` (DESIGN.md §7).
///
/// A first pass merge-joins the patch with the destination's records (streamed by keyset pages) to find
/// conflicts and check the destination's checksum; that is all `--dry-run` does. The second pass sends the
/// operations through a ``RemoteBulkWriter``: one atomic request when the patch fits, else batches, each
/// committed batch recorded in the ``CheckpointStore`` so a rerun resumes after it. Against `monk serve`
/// every operation carries `expect_hash`, so a record changed between the two passes is still caught, inside
/// the server's transaction.
///
/// ```swift
/// let target = RemotePatchTarget(connection: connection, options: RemoteTargetOptions(batchSize: 500))
/// let report = try await target.apply(patchAt: "change.patch", options: ApplyOptions(strategy: .ours))
/// ```
package struct RemotePatchTarget: PatchTarget {
    package let connection: RemoteConnection
    package let options: RemoteTargetOptions

    package init(connection: RemoteConnection, options: RemoteTargetOptions = RemoteTargetOptions()) {
        self.connection = connection
        self.options = options
    }

    package var endpoint: String { connection.endpoint.description }

    package func apply(patchAt path: String, options apply: ApplyOptions) async throws -> ApplyReport {
        let header = try PatchStream(path: path, reversed: apply.isReversed).header
        let layout = try await RemoteTargetLayout(connection: connection, patchModels: header.destination.models)
        let filter = try header.filter.map { value throws(SyncError) in try RecordFilter(value: value) }
        let checkpoint = try options.checkpoints.map { store in
            try CheckpointKey(patchAt: path, reversed: apply.isReversed, destination: endpoint, store: store)
        }
        let resumeAt = try checkpoint?.load()?.committedOperations ?? 0
        let planner = ApplyPlanner(strategy: apply.strategy, selection: header.selection, filter: filter)
        let destination = RemoteRecordSource(connection: connection, models: layout.models, selection: header.selection)
        let plan = try PatchStream(path: path, reversed: apply.isReversed, renamingTo: layout.rename)
        try plan.skip(resumeAt)
        var (report, checksum) = try await planner.run(plan, against: destination, writer: nil)
        report.isDryRun = apply.isDryRun
        if report.isStoppedByConflict { return report }
        if resumeAt == 0 {
            report.checksumMatches = try checksum.check(
                header.summary.destinationChecksum,
                endpoint: endpoint,
                force: apply.ignoresChecksum
            )
        }
        if apply.isDryRun { return report }
        let outcome = try await write(
            path: path,
            apply: apply,
            header: header,
            layout: layout,
            plan: report,
            resumeAt: resumeAt,
            checkpoint: checkpoint
        )
        var applied = report
        applied.inserted = outcome.inserted
        applied.updated = outcome.updated
        applied.deleted = outcome.deleted
        applied.skipped = report.skipped + outcome.skipped
        applied.conflicts = report.conflicts + outcome.conflicts
        applied.isStoppedByConflict = outcome.isStoppedByConflict
        applied.resumedAfter = resumeAt
        return applied
    }

    /// The second pass: every operation the plan allows, through the bulk writer.
    private func write(
        path: String,
        apply: ApplyOptions,
        header: PatchHeader,
        layout: RemoteTargetLayout,
        plan: ApplyReport,
        resumeAt: Int,
        checkpoint: CheckpointKey?
    ) async throws -> BulkOutcome {
        var conflicts: [RecordKey: Conflict.Reason] = [:]
        for conflict in plan.conflicts { conflicts[conflict.key] = conflict.reason }
        let writer = RemoteBulkWriter(
            connection: connection,
            selection: header.selection,
            strategy: apply.strategy,
            batchSize: options.batchSize
        )
        let onBatch = options.onBatch
        writer.afterBatch = { outcome in
            let progress = Checkpoint(committedOperations: resumeAt + outcome.committedOperations)
            try checkpoint?.save(progress)
            try await onBatch?(progress)
        }
        let stream = try PatchStream(path: path, reversed: apply.isReversed, renamingTo: layout.rename)
        try stream.skip(resumeAt)
        while let operation = try stream.next() {
            let conflict = conflicts[operation.key]
            if conflict != nil && apply.strategy == .ours {
                writer.pass()
                continue
            }
            try await writer.add(operation, forcing: conflict)
        }
        let outcome = try await writer.finish()
        if !outcome.isStoppedByConflict { try checkpoint?.remove() }
        return outcome
    }
}

/// Which models of a server a patch reads and writes, and the model a single-model patch is renamed to.
struct RemoteTargetLayout {
    /// The destination models to read, sorted.
    let models: [String]
    /// The model every operation is renamed to (single-model patch and destination), or `nil`.
    let rename: String?

    /// - Throws: ``SyncError`` `.unsupported` when a multi-model patch meets a single-model endpoint, or a
    ///   patch names models the endpoint leaves out; ``TransportError`` for an unknown model (exit 3).
    init(connection: RemoteConnection, patchModels: [String]) async throws {
        let endpoint = connection.endpoint
        if case .models(let listed) = endpoint.models, listed.count == 1 {
            guard patchModels.count <= 1 else {
                throw SyncError(
                    code: .unsupported,
                    message: "\(endpoint): names one model but the patch changes \(patchModels.count) "
                        + "(\(patchModels.joined(separator: ", "))); apply it to \(endpoint.tenant):*"
                )
            }
            models = try await connection.models()
            rename = listed[0]
            return
        }
        guard !patchModels.isEmpty else {
            throw SyncError(
                code: .unsupported,
                message: "\(endpoint): holds several models and the patch names none; apply it to one model"
            )
        }
        if case .models(let listed) = endpoint.models, let missing = patchModels.first(where: { !listed.contains($0) })
        {
            throw SyncError(code: .unsupported, message: "\(endpoint): the patch changes '\(missing)', not named here")
        }
        for model in patchModels { _ = try await connection.client.model(model) }
        models = patchModels.sorted(by: JSONObject.precedes)
        rename = nil
    }
}
