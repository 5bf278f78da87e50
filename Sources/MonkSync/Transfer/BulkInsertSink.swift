import MonkClient
import MonkCore

/// Writes records into an empty model on `monk serve` as `create-one` bulk operations (the direct path of
/// ``TransferStream``), each batch one atomic `POST /api/bulk`.
///
/// The request body is assembled from the records' canonical bytes (``WritableRecordBytes``), with no JSON
/// tree in between, and one batch is in flight while the next is assembled, so reading the source, encoding
/// and the server's insert overlap. Batches commit in order: `onBatch` hears of each after the one before it.
/// Every create carries `expect_hash: null`, so an id that appeared in the destination since the plan fails
/// its batch as a whole (nothing of it written) instead of being overwritten.
///
/// ```swift
/// let sink = BulkInsertSink(connection: connection, model: "users", batchSize: 5_000) { committed in … }
/// for record in records { try await sink.write(record) }
/// let written = try await sink.finish()
/// ```
package final class BulkInsertSink: RecordSink {
    private let connection: RemoteConnection
    private let limit: Int
    private let byteLimit: Int
    private let onBatch: TransferJob.BatchHandler
    /// `{"operation":"create-one","model":…,"expect_hash":null,"data":` for the destination model.
    private let operationPrefix: [UInt8]
    private static let bodyPrefix = Array(#"{"operations":["#.utf8)
    private static let bodySuffix = Array(#"],"options":{"refs":false,"return":"status"}}"#.utf8)
    private var body: [UInt8] = []
    private var batchCount = 0
    private var firstID = ""
    private var inFlight: Task<Int, any Error>?
    private var committed = 0

    /// - Parameters:
    ///   - model: the destination model every record is created in.
    ///   - batchSize: records per request at most (the server's operation limit caps it).
    ///   - onBatch: called with the records committed so far after each batch.
    package init(
        connection: RemoteConnection,
        model: String,
        batchSize: Int,
        onBatch: @escaping TransferJob.BatchHandler
    ) {
        self.connection = connection
        self.onBatch = onBatch
        limit = max(1, min(batchSize, connection.maxBulkOperations))
        byteLimit = max(1 << 16, connection.maxBodyBytes / 2)
        let expectation = connection.hasExpectHash ? #","expect_hash":null"# : ""
        operationPrefix =
            Array(#"{"operation":"create-one","model":"#.utf8) + JSONValue.string(model).canonicalBytes
            + Array((expectation + #","data":"#).utf8)
        startBody()
    }

    deinit { inFlight?.cancel() }

    package func write(_ record: ModelRecord) async throws {
        if batchCount > 0
            && (batchCount >= limit || body.count + record.record.bytes.count + operationPrefix.count > byteLimit)
        {
            try await send()
        }
        if batchCount > 0 {
            body.append(UInt8(ascii: ","))
        } else {
            firstID = record.id
        }
        body.append(contentsOf: operationPrefix)
        WritableRecordBytes.append(record.record.bytes, to: &body)
        body.append(UInt8(ascii: "}"))
        batchCount += 1
    }

    package func finish() async throws -> Int {
        if batchCount > 0 { try await send() }
        try await awaitInFlight()
        return committed
    }

    package func abandon() async {
        guard let task = inFlight else { return }
        inFlight = nil
        // The batch's result no longer matters: the run is failing with an earlier error, and whether this
        // batch committed or not, the rerun's diff finds out.
        _ = try? await task.value
    }

    /// Waits for the batch in flight, then sends the assembled one without waiting for it.
    private func send() async throws {
        try await awaitInFlight()
        body.append(contentsOf: Self.bodySuffix)
        inFlight = Self.launch(body, count: batchCount, firstID: firstID, connection: connection)
        startBody()
    }

    /// Starts sending one batch.
    private static func launch(_ body: [UInt8], count: Int, firstID: String, connection: RemoteConnection)
        -> Task<Int, any Error>
    {
        Task { try await post(body, count: count, firstID: firstID, connection: connection) }
    }

    /// Waits for the batch in flight and reports it committed.
    private func awaitInFlight() async throws {
        guard let task = inFlight else { return }
        inFlight = nil
        committed += try await task.value
        try await onBatch(committed)
    }

    private func startBody() {
        body = []
        body.reserveCapacity(min(byteLimit, 8 << 20))
        body.append(contentsOf: Self.bodyPrefix)
        batchCount = 0
    }

    /// Sends one batch and checks that every create completed.
    ///
    /// - Throws: ``SyncError`` `.destinationChanged` when an id already exists (the batch wrote nothing);
    ///   ``TransportError`` for other refusals; `.rejected` for an operation reported failed.
    private static func post(_ body: [UInt8], count: Int, firstID: String, connection: RemoteConnection)
        async throws -> Int
    {
        let response: JSONValue
        do {
            response = try await connection.client.bulk(encodedBody: body)
        } catch let error as TransportError where error.serverCode == "RECORD_EXISTS" {
            throw SyncError(
                code: .destinationChanged,
                message: "\(connection.endpoint): a record was written there while copying into it (batch from "
                    + "'\(firstID)' not written); run the command again to copy the rest through a diff"
            )
        }
        let results = response.arrayValue ?? []
        guard results.count == count else {
            throw SyncError(
                code: .rejected,
                message: "\(connection.endpoint): the server answered \(results.count) results for \(count) creates"
            )
        }
        if let failed = results.first(where: { $0["status"]?.stringValue != "completed" }) {
            let message = failed["error"]?.stringValue ?? failed["error_code"]?.stringValue ?? "not completed"
            throw SyncError(code: .rejected, message: "\(connection.endpoint): the server refused a create: \(message)")
        }
        return count
    }
}
