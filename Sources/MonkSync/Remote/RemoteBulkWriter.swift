import MonkClient
import MonkCore

/// What a ``RemoteBulkWriter`` did.
package struct BulkOutcome: Sendable, Hashable {
    package var inserted = 0
    package var updated = 0
    package var deleted = 0
    /// Operations the server refused as conflicts and that were skipped (`ours`).
    package var skipped = 0
    /// Conflicts the server found (`expect_hash` failed, id exists, record missing).
    package var conflicts: [Conflict] = []
    /// Whether a conflict stopped the writer (`manual`); the batch that met it was rolled back.
    package var isStoppedByConflict = false
    /// Bulk requests that committed.
    package var committedBatches = 0
    /// Operations in committed batches, counted from the first operation handed to the writer.
    package var committedOperations = 0

    package init() {}
}

/// Applies patch operations to one server through `POST /api/bulk`, in batches (DESIGN.md §7).
///
/// Operations are collected until a batch is full (`batchSize`, the server's operation limit, or half its
/// body limit) and sent as one request: atomic for `manual` and `theirs` (a failed precondition rolls the
/// batch back), `atomic: false, continueOnError: true` for `ours` (conflicting operations fail alone and are
/// counted as skipped). Inserts of ids sitting in the destination's trash restore the record first and
/// overwrite it, since a create cannot reuse a trashed id. `afterBatch` runs after each committed batch,
/// which is where a checkpoint is saved.
///
/// ```swift
/// let writer = RemoteBulkWriter(connection: connection, selection: header.selection, strategy: .manual)
/// for operation in operations { try await writer.add(operation) }
/// let outcome = try await writer.finish()
/// ```
package final class RemoteBulkWriter {
    private let connection: RemoteConnection
    private let strategy: ConflictStrategy
    private let encoder: BulkOperationEncoder
    private let selection: FieldSelection
    private let limit: Int
    private let byteLimit: Int
    private var batch: [(operation: PatchOperation, bulk: JSONObject)] = []
    /// Operations handed to ``add(_:forcing:)`` or ``pass()`` so far, and that count at the end of the batch.
    private var handed = 0
    private var handedAtBatchEnd = 0
    private var batchBytes = 0
    private var outcome = BulkOutcome()
    /// Runs after each committed batch with the outcome so far.
    package var afterBatch: ((BulkOutcome) async throws -> Void)?

    /// - Parameters:
    ///   - selection: the comparison the operations' hashes were made with (sent as `hash_fields` /
    ///     `hash_ignore_fields`); with system fields compared no `expect_hash` is sent, as the server always
    ///     leaves them out.
    ///   - batchSize: operations per request at most (the server's limit caps it).
    package init(
        connection: RemoteConnection,
        selection: FieldSelection,
        strategy: ConflictStrategy,
        batchSize: Int = 1_000
    ) {
        self.connection = connection
        self.strategy = strategy
        self.selection = selection
        encoder = BulkOperationEncoder(
            sendsExpectations: connection.hasExpectHash && !selection.compareSystemFields
        )
        limit = max(1, min(batchSize, connection.maxBulkOperations))
        byteLimit = max(1 << 16, connection.maxBodyBytes / 2)
    }

    /// Queues `operation`, sending a batch when one is full.
    ///
    /// - Parameter conflict: for an operation applied although it conflicts (`theirs`), why.
    /// - Throws: ``SyncError``, ``TransportError`` for a batch the server rejected for another reason.
    package func add(_ operation: PatchOperation, forcing conflict: Conflict.Reason? = nil) async throws {
        if outcome.isStoppedByConflict { return }
        guard let bulk = try encoder.encode(operation, forcing: conflict) else {
            pass()
            return
        }
        let size = Self.estimatedSize(operation)
        if !batch.isEmpty && (batch.count >= limit || batchBytes + size > byteLimit) { try await flush() }
        batch.append((operation, bulk))
        batchBytes += size
        handed += 1
        handedAtBatchEnd = handed
    }

    /// Counts an operation the caller leaves out (a conflict `ours` skips), so ``BulkOutcome/committedOperations``
    /// keeps counting positions in the caller's sequence.
    package func pass() {
        handed += 1
        if batch.isEmpty { handedAtBatchEnd = handed }
    }

    /// Sends what is left and returns the outcome.
    package func finish() async throws -> BulkOutcome {
        try await flush()
        return outcome
    }

    /// Sends the queued batch.
    private func flush() async throws {
        guard !batch.isEmpty, !outcome.isStoppedByConflict else { return }
        let sent = batch
        let end = handedAtBatchEnd
        batch = []
        batchBytes = 0
        var revival = try await TrashRevival.prepare(
            sent,
            connection: connection,
            encoder: encoder,
            selection: selection
        )
        do {
            let response = try await connection.client.bulk(body(revival.operations))
            try record(response, for: sent)
        } catch let error as TransportError {
            try await revival.undo(connection: connection)
            guard let conflict = Self.conflict(error, in: sent) else { throw error }
            outcome.conflicts.append(conflict)
            outcome.isStoppedByConflict = true
            return
        } catch {
            try await revival.undo(connection: connection)
            throw error
        }
        revival.commit()
        outcome.committedBatches += 1
        outcome.committedOperations = end
        try await afterBatch?(outcome)
    }

    /// The request body: operations and, where the server understands them, options.
    private func body(_ operations: [JSONObject]) -> JSONObject {
        var body: JSONObject = ["operations": .array(operations.map(JSONValue.object))]
        guard connection.hasBulkOptions else { return body }
        var options: JSONObject = ["refs": false, "return": "status"]
        if strategy == .ours {
            options["atomic"] = false
            options["continueOnError"] = true
        }
        if encoder.sendsExpectations {
            if let fields = selection.fields { options["hash_fields"] = .array(fields.map(JSONValue.string)) }
            if !selection.ignoreFields.isEmpty {
                options["hash_ignore_fields"] = .array(selection.ignoreFields.map(JSONValue.string))
            }
        }
        body["options"] = .object(options)
        return body
    }

    /// Counts a successful response's operations; with `ours`, failed conflicting ones count as skipped.
    private func record(_ response: JSONValue, for sent: [(operation: PatchOperation, bulk: JSONObject)]) throws {
        let results = response.arrayValue ?? []
        for (index, item) in sent.enumerated() {
            let result: JSONValue = index < results.count ? results[index] : .null
            if result["status"]?.stringValue == "failed" {
                let code = result["error_code"]?.stringValue ?? ""
                guard let reason = Self.reason(code) else {
                    let message = result["error"]?.stringValue ?? code
                    throw SyncError(
                        code: .rejected,
                        message:
                            "\(item.operation.key): the server refused the \(item.operation.kind.rawValue): \(message)"
                    )
                }
                outcome.skipped += 1
                outcome.conflicts.append(
                    Conflict(key: item.operation.key, operation: item.operation.kind, reason: reason)
                )
                continue
            }
            switch item.operation.kind {
            case .insert: outcome.inserted += 1
            case .update: outcome.updated += 1
            case .delete: outcome.deleted += 1
            }
        }
    }

    /// The conflict an atomic batch failed with, or `nil` for any other failure.
    private static func conflict(_ error: TransportError, in sent: [(operation: PatchOperation, bulk: JSONObject)])
        -> Conflict?
    {
        guard let reason = reason(error.serverCode ?? ""),
            let index = error.details["operation_index"]?.numberValue?.int64Value, index >= 0, index < sent.count
        else { return nil }
        let operation = sent[Int(index)].operation
        return Conflict(key: operation.key, operation: operation.kind, reason: reason)
    }

    /// The conflict a bulk error code means.
    private static func reason(_ code: String) -> Conflict.Reason? {
        switch code {
        case "RECORD_CHANGED": .differs
        case "RECORD_EXISTS": .exists
        case "RECORD_NOT_FOUND": .missing
        default: nil
        }
    }

    private static func estimatedSize(_ operation: PatchOperation) -> Int {
        switch operation {
        case .insert(_, let record), .delete(_, let record): record.bytes.count + 160
        case .update(_, _, let new, _): new.bytes.count + 160
        }
    }
}

extension RemoteBulkWriter: OperationSink {
    /// Takes one operation from a ``Differ`` (`sync copy`: diff straight into the destination); call
    /// ``finish()`` after the diff to send the last batch.
    package func write(_ operation: PatchOperation) async throws { try await add(operation) }
}
