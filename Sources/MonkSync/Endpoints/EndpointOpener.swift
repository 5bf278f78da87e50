import MonkClient
import MonkCore

/// Opens any ``SyncEndpoint`` as a ``RecordSource`` (one end of a diff) or a ``PatchTarget`` (what a patch
/// is applied to): the one place that knows which class reads which kind of endpoint.
///
/// Local endpoints go through a ``SourceOpener`` (standard input spilled once, unsorted files reopened
/// indexed); remote ones through a client the ``ClientFactory`` builds, one per server and tenant. A filter
/// is pushed down to servers and evaluated locally for everything else.
///
/// ```swift
/// let opener = EndpointOpener(selection: .default, filter: filter, clients: factory)
/// let source = try await opener.open(try SyncEndpoint(parsing: "prod:acme:users"))
/// let target = try await opener.target(try SyncEndpoint(parsing: "staging:acme:users"))
/// ```
package final class EndpointOpener {
    /// What the records' hashes compare.
    package let selection: FieldSelection
    /// The models to read from multi-model endpoints (`-s/--schema`), or `nil` for all.
    package let scope: [String]?
    /// Only records matching this take part (`-f`).
    package let filter: RecordFilter?
    /// While on, sorted JSONL files read unfiltered leave records' hashes to the diff (see ``HashDeferral``).
    package var hashDeferral: HashDeferral? {
        get { local.hashDeferral }
        set { local.hashDeferral = filter == nil ? newValue : nil }
    }
    /// Options for patch targets (batch size, checkpoints).
    package var targetOptions: RemoteTargetOptions
    private let clients: ClientFactory?
    private let local: SourceOpener
    private var connections: [String: RemoteConnection] = [:]

    /// - Parameter clients: builds clients for remote endpoints; `nil` makes every remote endpoint an
    ///   `.unsupported` error.
    package init(
        selection: FieldSelection,
        scope: [String]? = nil,
        filter: RecordFilter? = nil,
        clients: ClientFactory? = nil,
        targetOptions: RemoteTargetOptions = RemoteTargetOptions()
    ) {
        self.selection = selection
        self.scope = scope
        self.filter = filter
        self.clients = clients
        self.targetOptions = targetOptions
        local = SourceOpener(selection: selection, scope: scope)
    }

    /// Opens `endpoint` for reading, filtered by ``filter``.
    ///
    /// - Throws: ``SyncError`` (`.notFound`, `.invalidData`, `.unsupported`), ``TransportError`` and the
    ///   client factory's errors for remote endpoints (an unknown model is 404, exit status 3).
    package func open(_ endpoint: SyncEndpoint) async throws -> any RecordSource {
        switch endpoint {
        case .local(let localEndpoint):
            return filtered(PrefetchingRecordSource.wrapping(try local.open(localEndpoint)))
        case .remote(let remote):
            let connection = try await connection(for: remote)
            return RemoteRecordSource(
                connection: connection,
                models: try await connection.models(scope: scope),
                selection: selection,
                filter: filter?.expression
            )
        case .archive(let path, let model):
            return filtered(
                try ArchiveSourceOpener.open(path: path, model: model, selection: selection, scope: scope)
            )
        case .snapshot(let path, let model):
            return filtered(try SnapshotRecordSource(path: path, model: model, selection: selection, scope: scope))
        }
    }

    /// Opens `endpoint` as the destination of a patch.
    ///
    /// - Throws: ``SyncError`` `.unsupported` for standard output, archives and snapshots (read-only here).
    package func target(_ endpoint: SyncEndpoint) async throws -> any PatchTarget {
        switch endpoint {
        case .local(let localEndpoint):
            return try LocalPatchTarget(localEndpoint)
        case .remote(let remote):
            return RemotePatchTarget(connection: try await connection(for: remote), options: targetOptions)
        case .archive, .snapshot:
            throw SyncError(
                code: .unsupported,
                message: "\(endpoint): archives and snapshots are read-only here; restore them with `monk restore`"
            )
        }
    }

    /// The connection for a remote endpoint's server and tenant, made once per run.
    ///
    /// - Throws: ``SyncError`` `.unsupported` without a client factory; the factory's errors.
    package func connection(for remote: RemoteEndpoint) async throws -> RemoteConnection {
        guard let clients else {
            throw SyncError(code: .unsupported, message: "\(remote): remote endpoints need a server connection")
        }
        let key = "\(remote.server ?? "")\u{0}\(remote.tenant)"
        if let known = connections[key] {
            return RemoteConnection(client: known.client, info: known.info, endpoint: remote)
        }
        let connection = try await RemoteConnection.open(remote, clients: clients)
        connections[key] = connection
        return connection
    }

    /// Runs `body`, and again for each local endpoint that turns out unsorted (read indexed the next time).
    /// `body` must open its sources through this opener each time it runs.
    package func restartingWhenUnsorted<T>(_ body: () async throws -> T) async throws -> T {
        try await local.restartingWhenUnsorted(body)
    }

    private func filtered(_ source: any RecordSource) -> any RecordSource {
        guard let filter else { return source }
        return FilteredRecordSource(source, filter: filter)
    }
}
