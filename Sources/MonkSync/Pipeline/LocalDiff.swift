import MonkCore

/// `sync diff` between local endpoints: sources → ``Differ`` → patch file (DESIGN.md §2, §6).
///
/// The patch is always written (to a temporary path when the user asked for none), and every output format
/// is rendered from it afterwards; so a JSONL file that turns out unsorted can restart the diff through an
/// index without anything having been printed.
///
/// ```swift
/// let header = try await LocalDiff(selection: .default).run(
///     from: try LocalEndpoint(parsing: "a.jsonl"), to: try LocalEndpoint(parsing: "b.jsonl"),
///     patchPath: "change.patch", createdAt: "2026-11-24T10:30:00Z", generator: "monk 0.1.0")
/// header.summary.isEqual
/// ```
package struct LocalDiff: Sendable {
    /// What is compared.
    package var selection: FieldSelection
    /// The models compared in multi-model directories (`-s`), or `nil` for all.
    package var scope: [String]?
    /// Only records matching this take part (`-f`), on both sides.
    package var filter: RecordFilter?

    package init(selection: FieldSelection, scope: [String]? = nil, filter: RecordFilter? = nil) {
        self.selection = selection
        self.scope = scope
        self.filter = filter
    }

    /// Diffs `source` against `destination` and writes the patch to `patchPath` atomically.
    ///
    /// - Returns: the patch's header (counts, checksums).
    /// - Throws: ``SyncError`` for missing endpoints (`.notFound`) and bad records (`.invalidData`).
    package func run(
        from source: LocalEndpoint,
        to destination: LocalEndpoint,
        patchPath: String,
        createdAt: String,
        generator: String
    ) async throws -> PatchHeader {
        let opener = SourceOpener(selection: selection, scope: scope)
        return try await opener.restartingWhenUnsorted {
            var left = PrefetchingRecordSource.wrapping(try opener.open(source))
            var right = PrefetchingRecordSource.wrapping(try opener.open(destination))
            if let filter {
                left = FilteredRecordSource(left, filter: filter)
                right = FilteredRecordSource(right, filter: filter)
            }
            let writer = try PatchWriter(path: patchPath)
            let summary = try await Differ(selection: selection).diff(left, against: right, into: writer)
            let alias = Differ.commonModel(left.models, right.models)
            let header = PatchHeader(
                createdAt: createdAt,
                generator: generator,
                source: PatchHeader.Side(
                    endpoint: source.description,
                    models: Self.models(left.models, right.models, alias)
                ),
                destination: PatchHeader.Side(
                    endpoint: destination.description,
                    models: Self.models(right.models, left.models, alias)
                ),
                selection: selection,
                filter: filter?.expression,
                summary: summary
            )
            try writer.finish(header: header)
            return header
        }
    }

    /// A side's models for the header: the shared name when both sides hold one model, else every model
    /// either side has (operations may name any of them).
    private static func models(_ models: [String], _ other: [String], _ alias: String?) -> [String] {
        if let alias { return models.count == 1 && models[0].isEmpty ? [alias] : models }
        return Array(Set(models + other)).sorted(by: JSONObject.precedes)
    }
}
