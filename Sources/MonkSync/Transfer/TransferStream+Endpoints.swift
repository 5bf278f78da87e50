import MonkClient
import MonkCore

/// The direct paths the transfer commands take: a model on a server into an empty model on `monk serve`
/// (`sync copy`), or into an empty directory (`sync pull`).
extension TransferStream {
    /// What both direct paths read: a source on a server, compared and filtered as the diff would.
    package struct ServerSource: Sendable {
        package var endpoint: RemoteEndpoint
        package var selection: FieldSelection
        package var scope: [String]?
        package var filter: RecordFilter?
        package var clients: ClientFactory
        /// Records per keyset page.
        package var pageSize: Int

        package init(
            endpoint: RemoteEndpoint,
            selection: FieldSelection,
            scope: [String]?,
            filter: RecordFilter?,
            clients: @escaping ClientFactory,
            pageSize: Int = 20_000
        ) {
            self.endpoint = endpoint
            self.selection = selection
            self.scope = scope
            self.filter = filter
            self.clients = clients
            self.pageSize = pageSize
        }

        /// The records of the endpoint's models (after `scope`) matching `filter`, counted by the server.
        ///
        /// - Throws: ``TransportError``.
        func count() async throws -> Int {
            let connection = try await RemoteConnection.open(endpoint, clients: clients)
            var total = 0
            for model in try await connection.models(scope: scope) {
                var body: JSONObject = ["count": true, "limit": 1]
                if let filter { body["where"] = filter.expression }
                let result = try await connection.client.find(model, body)
                guard let found = result.total else {
                    throw SyncError(code: .unsupported, message: "\(endpoint): the server did not count \(model)")
                }
                total += Int(found)
            }
            return total
        }

        /// Opens the source: one stream per model from `monk serve` when nothing is filtered, else keyset
        /// pages of ``pageSize`` fetched ahead of the reader.
        func open() async throws -> any RecordSource {
            let connection = try await RemoteConnection.open(endpoint, clients: clients)
            if filter == nil && connection.hasKeysetStreams {
                return StreamedRecordSource(
                    connection: connection,
                    models: try await connection.models(scope: scope),
                    selection: selection
                )
            }
            return RemoteRecordSource(
                connection: connection,
                models: try await connection.models(scope: scope),
                selection: selection,
                filter: filter?.expression,
                pageSize: pageSize
            )
        }
    }

    /// From a server into one model on `monk serve` through bulk creates, taken when that model holds no
    /// record at all (live or trashed); `nil` when `destination` does not name exactly one model.
    ///
    /// - Parameter batchSize: records per bulk request.
    package static func server(
        from source: ServerSource,
        to destination: RemoteEndpoint,
        batchSize: Int
    ) -> TransferStream? {
        guard case .models(let names) = destination.models, names.count == 1 else { return nil }
        let model = names[0]
        let clients = source.clients
        return TransferStream(
            isDestinationEmpty: {
                let connection = try await RemoteConnection.open(destination, clients: clients)
                guard connection.info.kind == .monkServe, connection.hasBulkOptions else { return false }
                let found = try await connection.client.find(model, ["limit": 1, "trashed": "include"])
                return found.records.isEmpty
            },
            count: { try await source.count() },
            openSource: { try await source.open() },
            openSink: { onBatch in
                let connection = try await RemoteConnection.open(destination, clients: clients)
                return BulkInsertSink(connection: connection, model: model, batchSize: batchSize, onBatch: onBatch)
            }
        )
    }

    /// From a server into a directory that was empty before the pull laid it out.
    ///
    /// - Parameters:
    ///   - isEmpty: whether the directory held nothing when the command started.
    ///   - isMultiModel: whether records go to `DIR/<model>…` rather than straight into `DIR`.
    package static func directory(
        from source: ServerSource,
        to directory: PullDirectory,
        isEmpty: Bool,
        isMultiModel: Bool
    ) -> TransferStream {
        let path = directory.path
        let layout = directory.layout
        return TransferStream(
            isDestinationEmpty: { isEmpty },
            count: { try await source.count() },
            openSource: { try await source.open() },
            openSink: { onBatch in
                switch layout {
                case .jsonl:
                    return JSONLFileSink(
                        fileForModel: { DirectoryListing.join(path, $0 + ".jsonl") },
                        onBatch: onBatch
                    )
                case .files:
                    return FilesSink(
                        folderForModel: { isMultiModel ? DirectoryListing.join(path, $0) : path },
                        onBatch: onBatch
                    )
                }
            }
        )
    }
}
