import MonkCore

/// `sync diff` between any two endpoints: sources → ``Differ`` → patch file (DESIGN.md §2, §6).
///
/// Both sources are opened by an ``EndpointOpener`` (local files and directories, or models on servers
/// reached through `clients`), in ``run(from:to:patchPath:createdAt:generator:)``. The patch is always written (to a temporary path when the user asked for none), and every output format
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
    /// Only records matching this take part (`-f`), on both sides; sent to servers as `where`.
    package var filter: RecordFilter?
    /// Builds clients for remote endpoints; `nil` allows local endpoints only.
    package var clients: ClientFactory?
    /// Whether two `monk serve` models are compared by checksum bisection (DESIGN.md §6) rather than by
    /// streaming both; the patch is the same either way, only its checksums take the segment-digest form.
    package var bisects = true
    /// Segments per split and leaf size of the bisection; `nil` for DESIGN.md's 32 and 16,384 (tests make
    /// them small to reach every branch with little data).
    package var bisectionShape: (factor: Int, leafSize: Int)?
    /// Whether the patch records both sides' checksums (DESIGN.md §7). A patch only rendered for reading
    /// (a summary, never applied) can do without, and then records whose bytes match are not hashed.
    package var needsChecksums = true
    /// Receives how far a streamed diff has read (see ``DiffProgress``); `nil` reports nothing. A bisected
    /// diff of two servers reports nothing.
    package var onProgress: (@Sendable (DiffProgress) -> Void)?

    package init(
        selection: FieldSelection,
        scope: [String]? = nil,
        filter: RecordFilter? = nil,
        clients: ClientFactory? = nil
    ) {
        self.selection = selection
        self.scope = scope
        self.filter = filter
        self.clients = clients
    }

    /// Diffs two local endpoints; see ``run(from:to:patchPath:createdAt:generator:)-(SyncEndpoint,_,_,_,_)``.
    package func run(
        from source: LocalEndpoint,
        to destination: LocalEndpoint,
        patchPath: String,
        createdAt: String,
        generator: String
    ) async throws -> PatchHeader {
        try await run(
            from: SyncEndpoint.local(source),
            to: SyncEndpoint.local(destination),
            patchPath: patchPath,
            createdAt: createdAt,
            generator: generator
        )
    }

    /// Diffs `source` against `destination` and writes the patch to `patchPath` atomically.
    ///
    /// - Returns: the patch's header (counts, checksums).
    /// - Throws: ``SyncError`` for missing endpoints (`.notFound`) and bad records (`.invalidData`);
    ///   ``TransportError`` and the client factory's errors for remote endpoints.
    package func run(
        from source: SyncEndpoint,
        to destination: SyncEndpoint,
        patchPath: String,
        createdAt: String,
        generator: String
    ) async throws -> PatchHeader {
        let opener = EndpointOpener(selection: selection, scope: scope, filter: filter, clients: clients)
        let deferral = needsChecksums ? nil : HashDeferral()
        opener.hashDeferral = deferral
        func finish(_ writer: PatchWriter, _ summary: DiffSummary, _ left: [String], _ right: [String]) throws
            -> PatchHeader
        {
            let alias = Differ.commonModel(left, right)
            let header = PatchHeader(
                createdAt: createdAt,
                generator: generator,
                source: Self.side(source, models: Self.models(left, right, alias)),
                destination: Self.side(destination, models: Self.models(right, left, alias)),
                selection: selection,
                filter: filter?.expression,
                summary: summary
            )
            try writer.finish(header: header)
            return header
        }
        if bisects, case .remote(let a) = source, case .remote(let b) = destination {
            let writer = try PatchWriter(path: patchPath)
            let bisected = try await BisectedDiff(selection: selection, filter: filter, shape: bisectionShape).run(
                source: try await opener.connection(for: a),
                destination: try await opener.connection(for: b),
                scope: scope,
                into: writer
            )
            if let bisected {
                return try finish(writer, bisected.summary, bisected.sourceModels, bisected.destinationModels)
            }
        }
        return try await opener.restartingWhenUnsorted {
            let left = try await opener.open(source)
            let right = try await opener.open(destination)
            let writer = try PatchWriter(path: patchPath)
            var differ = Differ(selection: selection, onProgress: onProgress)
            differ.needsChecksums = needsChecksums
            differ.hashDeferral = deferral
            let summary = try await differ.diff(left, against: right, into: writer)
            return try finish(writer, summary, left.models, right.models)
        }
    }

    /// A side of the header: the endpoint, its server and tenant when remote, its models.
    private static func side(_ endpoint: SyncEndpoint, models: [String]) -> PatchHeader.Side {
        guard case .remote(let remote) = endpoint else {
            return PatchHeader.Side(endpoint: endpoint.description, models: models)
        }
        return PatchHeader.Side(
            endpoint: endpoint.description,
            server: remote.server,
            tenant: remote.tenant,
            models: models
        )
    }

    /// A side's models for the header: the shared name when both sides hold one model, else every model
    /// either side has (operations may name any of them).
    private static func models(_ models: [String], _ other: [String], _ alias: String?) -> [String] {
        if let alias { return models.count == 1 && models[0].isEmpty ? [alias] : models }
        return Array(Set(models + other)).sorted(by: JSONObject.precedes)
    }
}
