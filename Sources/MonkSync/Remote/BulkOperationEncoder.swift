import MonkCore

/// Turns patch operations into `/api/bulk` operations (API.md §6.2, §6.3a).
///
/// Clean operations carry `expect_hash` (the before-image's hash, or `null` for inserts) when the server
/// checks it, so a conflict is found inside the server's transaction. Forced ones (`--strategy theirs`)
/// carry none and are written so they succeed whatever the destination holds: an insert over an existing
/// id and an update of a missing record become `upsert-one`.
struct BulkOperationEncoder: Sendable {
    /// Whether to send `expect_hash` (capability `bulk-expect`, and a selection the server can reproduce).
    let sendsExpectations: Bool

    /// The bulk operation for `operation`, or `nil` when there is nothing to send (a forced delete of a
    /// record that is already gone).
    ///
    /// - Parameter conflict: why the destination does not match, for operations applied anyway.
    func encode(_ operation: PatchOperation, forcing conflict: Conflict.Reason? = nil) throws(SyncError)
        -> JSONObject?
    {
        var bulk: JSONObject = ["model": .string(operation.model)]
        let expects = sendsExpectations && conflict == nil
        switch operation {
        case .insert(let model, let record):
            bulk["operation"] = conflict == nil ? "create-one" : "upsert-one"
            bulk["data"] = .object(Self.writable(try PatchOperation.object(of: record, model: model)))
            if expects { bulk["expect_hash"] = .null }
        case .update(let model, let old, let new, let change):
            if conflict == .missing {
                bulk["operation"] = "upsert-one"
                bulk["data"] = .object(Self.writable(try PatchOperation.object(of: new, model: model)))
            } else {
                bulk["operation"] = "update-one"
                bulk["id"] = .string(old.id)
                bulk["data"] = .object(Self.writable(change.patch))
                if expects { bulk["expect_hash"] = .string(old.hash.hex) }
            }
        case .delete(_, let record):
            if conflict == .missing { return nil }
            bulk["operation"] = "delete-one"
            bulk["id"] = .string(record.id)
            if expects { bulk["expect_hash"] = .string(record.hash.hex) }
        }
        return bulk
    }

    /// The bulk operation that turns a trashed record (`trashed`, as find returned it) into `record`: an
    /// `update-one` setting every field of `record` and clearing the trashed record's other fields, expecting
    /// the trashed record's hash. Sent after the record was restored from the trash.
    func revive(_ record: CanonicalRecord, model: String, from trashed: CanonicalRecord) throws(SyncError)
        -> JSONObject
    {
        let new = Self.writable(try PatchOperation.object(of: record, model: model))
        var data = new
        for key in Self.writable(try PatchOperation.object(of: trashed, model: model)).keys
        where new.member(key) == nil {
            data[key] = .null
        }
        var bulk: JSONObject = [
            "operation": "update-one", "model": .string(model), "id": .string(record.id), "data": .object(data),
        ]
        if sendsExpectations { bulk["expect_hash"] = .string(trashed.hash.hex) }
        return bulk
    }

    /// `object` without what a bulk write must not carry: `id` (it travels beside the data for updates and is
    /// kept for creates), the trash and purge stamps, and the `access_*` lists (which need sudo to write).
    static func writable(_ object: JSONObject) -> JSONObject {
        var result = object
        for key in object.keys where key == "trashed_at" || key == "deleted_at" || key.hasPrefix("access_") {
            result.removeValue(forKey: key)
        }
        return result
    }
}
