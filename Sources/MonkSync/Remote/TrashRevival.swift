import MonkClient
import MonkCore

/// Inserts whose ids sit in the destination's trash (`monk serve`): a create cannot reuse such an id
/// (409 `RECORD_EXISTS`), so the record is restored from the trash first and the insert becomes an update
/// that overwrites it (DESIGN.md §7's `patch -R` of a delete depends on this).
///
/// Restoring is its own request, so a batch that then fails puts the restored records back into the trash
/// (``undo(connection:)``), and the destination ends as it was.
struct TrashRevival {
    /// The batch's bulk operations, revived inserts rewritten.
    private(set) var operations: [JSONObject]
    /// The ids restored from the trash, per model.
    private var restored: [String: [String]]

    /// Looks up the batch's insert ids in the trash, restores those found and rewrites their operations.
    ///
    /// Only `monk serve` has a trash that ids can come back from; for other servers nothing changes.
    static func prepare(
        _ batch: [(operation: PatchOperation, bulk: JSONObject)],
        connection: RemoteConnection,
        encoder: BulkOperationEncoder,
        selection: FieldSelection
    ) async throws -> TrashRevival {
        var revival = TrashRevival(operations: batch.map(\.bulk), restored: [:])
        guard connection.info.kind == .monkServe else { return revival }
        var inserts: [String: [Int]] = [:]
        for (index, item) in batch.enumerated() where item.operation.kind == .insert {
            inserts[item.operation.model, default: []].append(index)
        }
        for (model, indexes) in inserts.sorted(by: { JSONObject.precedes($0.key, $1.key) }) {
            let ids = indexes.map { batch[$0].operation.id }
            let body: JSONObject = [
                "where": ["id": ["$in": .array(ids.map(JSONValue.string))]], "trashed": "only",
                "limit": .number(JSONNumber(ids.count)),
            ]
            var trashed: [String: CanonicalRecord] = [:]
            for value in try await connection.client.find(model, body).records {
                guard case .object(let object) = value,
                    let record = try? CanonicalRecord(object: object, selection: selection)
                else { continue }
                trashed[record.id] = record
            }
            guard !trashed.isEmpty else { continue }
            let restoredIDs = ids.filter { trashed[$0] != nil }
            _ = try await connection.client.restoreTrashed(model, ids: restoredIDs)
            revival.restored[model] = restoredIDs
            for index in indexes {
                guard case .insert(_, let record) = batch[index].operation, let old = trashed[record.id] else {
                    continue
                }
                revival.operations[index] = try encoder.revive(record, model: model, from: old)
            }
        }
        return revival
    }

    /// Puts the restored records back into the trash after the batch failed.
    func undo(connection: RemoteConnection) async throws {
        guard !restored.isEmpty else { return }
        var operations: [JSONValue] = []
        for (model, ids) in restored {
            for id in ids {
                operations.append(["operation": "delete-one", "model": .string(model), "id": .string(id)])
            }
        }
        _ = try await connection.client.bulk(["operations": .array(operations)])
    }

    /// Forgets the restored ids once their batch committed.
    mutating func commit() { restored = [:] }
}
