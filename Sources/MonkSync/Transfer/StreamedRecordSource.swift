import MonkClient
import MonkCore

/// The records of models on `monk serve`, read as one long JSONL stream per model instead of keyset pages,
/// for the direct path of a transfer (``TransferStream``), which reads every record once and in order.
///
/// Lines are canonicalized on the transport's thread as they arrive and handed over in batches through a
/// bounded ``RecordBatchChannel``: when the reader falls behind, the transport's thread waits and TCP slows
/// the server down, so memory holds a few batches whatever the model's size. A stream cut by the network is
/// resumed after the last record received (``MonkAPIClient/streamAllRecords(_:pageSize:options:resumeLimit:handler:)``).
package final class StreamedRecordSource: RecordSource {
    package let endpoint: String
    package let models: [String]
    private let channel = RecordBatchChannel(depth: 8)
    private var producer: Task<Void, Never>?
    private var batch: [ModelRecord] = []
    private var position = 0
    private var isFinished = false
    private var order = OrderCheck()

    /// Starts streaming `models` (sorted) of `connection`'s server.
    ///
    /// - Parameter pageSize: records per request. The request's timeout covers its whole stream, and a slow
    ///   destination slows the stream down: a pull of 250,000 records a request into files timed out on a
    ///   file system that created fewer than 4,000 files a second, so a request carries 50,000 (20 requests
    ///   for a million records cost nothing measurable).
    package init(connection: RemoteConnection, models: [String], selection: FieldSelection, pageSize: Int = 50_000) {
        endpoint = connection.endpoint.description
        self.models = models
        let channel = channel
        let place = endpoint
        producer = Task {
            do {
                for model in models {
                    let collector = BatchCollector(model: model, selection: selection, place: place, channel: channel)
                    _ = try await connection.client.streamAllRecords(model, pageSize: pageSize) { line in
                        try collector.take(line)
                    }
                    try collector.flush()
                }
                _ = channel.put(.end)
            } catch {
                _ = channel.put(.failure(error))
            }
        }
    }

    deinit {
        channel.cancel()
        producer?.cancel()
    }

    /// The records received and not yet read, checked for order, in one piece (the direct path reads them so
    /// rather than one call per record); `nil` at the end.
    ///
    /// - Throws: what ``next()`` throws.
    package func nextBatch() async throws -> ArraySlice<ModelRecord>? {
        guard try await next() != nil else { return nil }
        let start = position - 1
        for record in batch[position...] { try order.accept(record.key, at: "\(endpoint) (\(record.model))") }
        position = batch.count
        return batch[start...]
    }

    package func next() async throws -> ModelRecord? {
        while position == batch.count {
            if isFinished { return nil }
            switch await channel.take() {
            case .records(let records):
                batch = records
                position = 0
            case .end:
                isFinished = true
                return nil
            case .failure(let error):
                isFinished = true
                throw error
            }
        }
        let record = batch[position]
        position += 1
        try order.accept(record.key, at: "\(endpoint) (\(record.model))")
        return record
    }
}

/// Canonicalizes one model's lines into batches and puts each full batch into the channel.
// @unchecked: `take` and `flush` run in the transport's consumer calls, one at a time in order on one thread.
private final class BatchCollector: @unchecked Sendable {
    private static let batchSize = 1_000
    private let model: String
    private let place: String
    private let channel: RecordBatchChannel
    private var canonicalizer: RecordCanonicalizer
    private var records: [ModelRecord] = []
    private var count = 0

    init(model: String, selection: FieldSelection, place: String, channel: RecordBatchChannel) {
        self.model = model
        self.place = place
        self.channel = channel
        canonicalizer = RecordCanonicalizer(selection: selection)
        records.reserveCapacity(Self.batchSize)
    }

    func take(_ line: UnsafeRawBufferPointer) throws {
        count += 1
        do {
            records.append(ModelRecord(model: model, record: try canonicalizer.record(from: line)))
        } catch {
            throw SyncError(code: .invalidData, message: "\(place) (\(model)): record \(count): \(error.message)")
        }
        if records.count >= Self.batchSize { try flush() }
    }

    /// Hands the collected records over, waiting while the channel is full.
    ///
    /// - Throws: `CancellationError` when the reader has gone, which ends the stream.
    func flush() throws {
        guard !records.isEmpty else { return }
        guard channel.put(.records(records)) else { throw CancellationError() }
        records = []
        records.reserveCapacity(Self.batchSize)
    }
}
