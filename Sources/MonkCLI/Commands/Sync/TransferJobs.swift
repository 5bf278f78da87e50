import Foundation
import MonkCommandLine
import MonkCore
import MonkSync

/// Builds the jobs of a transfer from its endpoints: one job per model when the source names several models
/// on a server (`t:*`, `t:a,b`), so `--concurrency` can run them side by side; one job otherwise.
struct TransferJobs: Sendable {
    /// What the commands compare and filter (`--fields`, `--ignore-fields`, `-f`, `-s`).
    var selection: FieldSelection
    var scope: [String]?
    var filter: RecordFilter?
    /// Builds clients for remote endpoints.
    var clients: ClientFactory
    /// How patches are applied to servers (`--batch-size`).
    var targetOptions: RemoteTargetOptions
    /// For `sync pull`: the directory, whether it was empty when the command started (then records are
    /// written straight into it), and whether it gets a folder or file per model.
    var pullDirectory: (directory: PullDirectory, isEmpty: Bool, isMultiModel: Bool)?

    /// Reads the selection options and connection settings of a transfer command.
    init(_ context: CommandContext, batchSize: Int) throws {
        let parsed = context.parsed
        selection = SyncSelectionOptions.selection(parsed)
        scope = SyncSelectionOptions.scope(parsed)
        filter = try SyncSelectionOptions.filter(parsed)
        clients = SyncConnections(context).factory
        // Checkpoints are kept per run by ``TransferRun``: every run diffs into a fresh patch, so a checkpoint
        // keyed by one patch would never be found again.
        targetOptions = RemoteTargetOptions(batchSize: batchSize, checkpoints: nil)
    }

    /// The jobs that move `source` into `destination`.
    ///
    /// - Throws: ``TransportError`` and ``ConfigError`` while listing a server's models.
    func jobs(from source: SyncEndpoint, to destination: SyncEndpoint) async throws -> [TransferJob] {
        guard case .remote(let remote) = source, Self.isMultiModel(remote) else {
            return [job(from: source, to: destination, scope: scope, label: destination.description)]
        }
        return try await models(of: source).map { model in
            job(
                from: .remote(Self.single(remote, model)),
                to: Self.single(destination, model),
                scope: [model],
                label: model
            )
        }
    }

    /// The models `source` holds (after `-s`), sorted; a stream without a name counts as `records`.
    func models(of source: SyncEndpoint) async throws -> [String] {
        let opener = EndpointOpener(selection: selection, scope: scope, clients: clients)
        if case .remote(let remote) = source {
            return try await opener.connection(for: remote).models(scope: scope)
        }
        return try await opener.open(source).models.map { $0.isEmpty ? "records" : $0 }
    }

    /// One job: diff `source` against `destination`, apply through the destination's target.
    func job(from source: SyncEndpoint, to destination: SyncEndpoint, scope: [String]?, label: String) -> TransferJob {
        let diff = LocalDiff(selection: selection, scope: scope, filter: filter, clients: clients)
        let (selection, clients, targetOptions) = (self.selection, self.clients, self.targetOptions)
        return TransferJob(
            label: label,
            destination: destination.description,
            diff: { path in
                try await diff.run(
                    from: source,
                    to: destination,
                    patchPath: path,
                    createdAt: ISO8601DateFormatter().string(from: Date()),
                    generator: "monk \(MonkCLI.version)"
                )
            },
            target: { onBatch in
                var options = targetOptions
                options.onBatch = { checkpoint in try await onBatch(checkpoint.committedOperations) }
                let opener = EndpointOpener(selection: selection, clients: clients, targetOptions: options)
                return try await opener.target(destination)
            },
            stream: stream(from: source, to: destination, scope: scope)
        )
    }

    /// The direct path of a job whose destination may be empty: from a server into a model on a server
    /// (`sync copy`) or into the pulled directory (`sync pull`); `nil` for anything else.
    private func stream(from source: SyncEndpoint, to destination: SyncEndpoint, scope: [String]?) -> TransferStream? {
        guard case .remote(let remote) = source else { return nil }
        let server = TransferStream.ServerSource(
            endpoint: remote,
            selection: selection,
            scope: scope,
            filter: filter,
            clients: clients
        )
        switch destination {
        case .remote(let target):
            // --batch-size as for patches: against monk serve, 5,000-record batches inserted slower per record
            // (about 70 µs) than 500 or 1,000 (about 25 µs).
            return TransferStream.server(from: server, to: target, batchSize: targetOptions.batchSize)
        case .local(.directory(let path)):
            guard let pull = pullDirectory, pull.directory.path == path else { return nil }
            return TransferStream.directory(
                from: server,
                to: pull.directory,
                isEmpty: pull.isEmpty,
                isMultiModel: pull.isMultiModel
            )
        default:
            return nil
        }
    }

    /// Whether a remote endpoint names several models (`t:*`, `t:a,b`).
    static func isMultiModel(_ remote: RemoteEndpoint) -> Bool {
        switch remote.models {
        case .all, .wholeTenant: true
        case .models(let names): names.count > 1
        }
    }

    /// Whether an endpoint names several models: a multi-model remote endpoint or a directory of models.
    static func isMultiModel(_ endpoint: SyncEndpoint) -> Bool {
        if case .remote(let remote) = endpoint { return isMultiModel(remote) }
        return false
    }

    /// `remote` narrowed to one model.
    private static func single(_ remote: RemoteEndpoint, _ model: String) -> RemoteEndpoint {
        RemoteEndpoint(server: remote.server, tenant: remote.tenant, models: .models([model]))
    }

    /// A destination narrowed to one model: the same model of a multi-model remote endpoint; anything else
    /// (a directory of models) as it is.
    private static func single(_ endpoint: SyncEndpoint, _ model: String) -> SyncEndpoint {
        guard case .remote(let remote) = endpoint, isMultiModel(remote) else { return endpoint }
        return .remote(single(remote, model))
    }
}
