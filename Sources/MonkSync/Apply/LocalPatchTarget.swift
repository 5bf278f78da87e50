import MonkCore

/// Where a patch can be applied (DESIGN.md §7): a local file or directory here; a remote model (through
/// `/api/bulk` with `expect_hash`) conforms the same way.
package protocol PatchTarget {
    /// The destination as the user wrote it.
    var endpoint: String { get }

    /// Applies the patch file at `path`.
    ///
    /// A `manual` conflict is a result (``ApplyReport/isStoppedByConflict``), not an error, and leaves the
    /// destination untouched.
    ///
    /// - Throws: ``SyncError`` `.destinationChanged` when the destination's checksum differs from the patch's
    ///   and `ignoresChecksum` is off; `.notFound`, `.invalidData`, `.unsupported`, `.io` otherwise.
    func apply(patchAt path: String, options: ApplyOptions) async throws -> ApplyReport
}

/// Applies patches to a JSONL file (rewritten atomically) or a directory in the `files` or `jsonl` layout.
///
/// Two passes over the destination and the patch: the first finds conflicts and checks the checksum (and is
/// all `--dry-run` does), the second writes. Nothing is written unless the first pass allows it.
///
/// ```swift
/// let target = try LocalPatchTarget(try LocalEndpoint(parsing: "staging/users.jsonl"))
/// let report = try await target.apply(patchAt: "change.patch", options: ApplyOptions(strategy: .ours))
/// ```
package struct LocalPatchTarget: PatchTarget {
    package let destination: LocalEndpoint

    /// - Throws: ``SyncError`` `.unsupported` for standard output, which cannot be patched.
    package init(_ destination: LocalEndpoint) throws(SyncError) {
        if case .standardStream = destination {
            throw SyncError(code: .unsupported, message: "-: a patch needs a file or directory to apply to")
        }
        self.destination = destination
    }

    package var endpoint: String { destination.description }

    package func apply(patchAt path: String, options: ApplyOptions) async throws -> ApplyReport {
        let header = try PatchStream(path: path, reversed: options.isReversed).header
        let layout = try LocalTargetLayout(destination, patchModels: header.destination.models)
        let opener = SourceOpener(selection: header.selection, scope: layout.scope)
        let filter = try header.filter.map { value throws(SyncError) in try RecordFilter(value: value) }
        let planner = ApplyPlanner(strategy: options.strategy, selection: header.selection, filter: filter)
        func pass(_ writer: (any DestinationWriter)?) async throws -> (
            report: ApplyReport, checksum: DestinationChecksum
        ) {
            try await opener.restartingWhenUnsorted {
                let stream = try PatchStream(path: path, reversed: options.isReversed, renamingTo: layout.rename)
                return try await planner.run(stream, against: try layout.openSource(opener), writer: writer)
            }
        }
        var (report, checksum) = try await pass(nil)
        report.isDryRun = options.isDryRun
        if report.isStoppedByConflict { return report }
        report.checksumMatches = try checksum.check(
            header.summary.destinationChecksum,
            endpoint: endpoint,
            force: options.ignoresChecksum
        )
        if options.isDryRun { return report }
        let writer = layout.makeWriter()
        var (applied, _) = try await pass(writer)
        try writer.commit()
        applied.checksumMatches = report.checksumMatches
        return applied
    }
}
