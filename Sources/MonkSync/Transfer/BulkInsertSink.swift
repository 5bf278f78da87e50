import MonkClient
import MonkCore

/// Writes records into an empty model as one `create-all` bulk operation per batch (the direct path of
/// ``TransferStream``), each batch one atomic `POST /api/bulk`.
///
/// The request body is assembled from the records' canonical bytes (``WritableRecordBytes``), with no JSON
/// tree in between, and one batch is in flight while the next is assembled, so reading the source, encoding
/// and the server's insert overlap. Batches commit in order: `onBatch` hears of each after the one before it.
/// A create never overwrites: an id that appeared in the destination since the plan fails its batch as a whole
/// with `RECORD_EXISTS` (nothing of it written). One `create-all` rather than a `create-one` per record spares
/// the server 10,000 operation envelopes per batch, and `monk serve` creates its records without a JSON tree.
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
    /// `{"operations":[{"operation":"create-all","model":…,"data":[` for the destination model.
    private let bodyPrefix: [UInt8]
    private static let bodySuffix = Array(#"]}],"options":{"refs":false,"return":"status"}}"#.utf8)
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
        bodyPrefix =
            Array(#"{"operations":[{"operation":"create-all","model":"#.utf8) + JSONValue.string(model).canonicalBytes
            + Array(#","data":["#.utf8)
        startBody()
    }

    deinit { inFlight?.cancel() }

    package func write(_ record: ModelRecord) async throws {
        if batchCount > 0
            && (batchCount >= limit || body.count + record.record.bytes.count + 1 > byteLimit)
        {
            try await send()
        }
        if batchCount > 0 {
            body.append(UInt8(ascii: ","))
        } else {
            firstID = record.id
        }
        WritableRecordBytes.append(record.record.bytes, to: &body)
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
        body.append(contentsOf: bodyPrefix)
        batchCount = 0
    }

    /// Sends one batch and checks that every create completed.
    ///
    /// - Throws: ``SyncError`` `.destinationChanged` when an id already exists (the batch wrote nothing);
    ///   ``TransportError`` for other refusals; `.rejected` when the server reports fewer records created.
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
        guard let result = response.arrayValue?.first, response.arrayValue?.count == 1 else {
            throw SyncError(code: .rejected, message: "\(connection.endpoint): the server's bulk answer has no result")
        }
        guard result["status"]?.stringValue == "completed" else {
            let message = result["error"]?.stringValue ?? result["error_code"]?.stringValue ?? "not completed"
            throw SyncError(code: .rejected, message: "\(connection.endpoint): the server refused a create: \(message)")
        }
        let created = result["count"]?.numberValue?.int64Value ?? result["result"]?.arrayValue.map { Int64($0.count) }
        guard created == Int64(count) else {
            throw SyncError(
                code: .rejected,
                message:
                    "\(connection.endpoint): the server created \(created.map(String.init) ?? "no") records of \(count)"
            )
        }
        return count
    }
}
