import MonkCore
import MonkStore

/// Runs one bulk operation inside the request's transaction, with the same rules, codes and permissions as the
/// matching Data/Find route (API.md §6.2). Results are full records, never stripped.
struct BulkExecutor {
    let tx: TenantTransaction
    let caller: Caller
    let now: String
    let options: BulkRequest.Options
    /// Whether results are built as full records. A status-only response (`return: "status"`) of an operation
    /// nobody can reference (no `op_id`) needs only their number, so each record is a placeholder `{}`.
    var keepsResults = true
    /// The models this request has used, read once each: bulk operations change records, never models, so
    /// a 10,000-operation sync batch decodes its model's definition once instead of per operation.
    let models = ModelMemo()
    /// The byte-level creators of the models this request creates in (``createDeferred(_:model:raw:records:)``).
    let creators = CreatorMemo()

    /// The result of `name` on `model` for the (ref-resolved) operation `raw`.
    func run(_ name: String, model modelName: String, raw: JSONObject) throws -> JSONValue {
        let model = try models.model(modelName, in: tx)
        let data = raw["data"] ?? .null
        switch name {
        case "select":
            try tx.authorize(.read, on: model, caller: caller)
            return records(try find(raw, model))
        case "select-one", "select-404":
            try tx.authorize(.read, on: model, caller: caller)
            guard let record = try target(raw, model) else {
                if name == "select-one" { return .null }
                throw notFound(raw)
            }
            return object(record)
        case "count":
            try tx.authorize(.read, on: model, caller: caller)
            let find = try QueryBuilder.find(body: .object(raw["filter"]?.objectValue ?? [:]), model: model)
            return .number(JSONNumber(try tx.count(in: model.name, query: query(find, model))))
        case "aggregate":
            try tx.authorize(.read, on: model, caller: caller)
            return try Aggregation.run(raw, model: model, caller: caller, tx: tx)
        case "create-one":
            try tx.authorize(.create, on: model, caller: caller)
            try checkAbsent(raw, model)
            return object(try tx.createRecord(data.objectValue ?? [:], in: model, caller: caller, now: now))
        case "create-all":
            try tx.authorize(.create, on: model, caller: caller)
            return .array(
                try (data.arrayValue ?? []).enumerated().map { index, item in
                    object(
                        try tx.createRecord(item.objectValue ?? [:], in: model, caller: caller, now: now, index: index)
                    )
                }
            )
        case "update-one":
            try tx.authorize(.update, on: model, caller: caller)
            let id = try idOf(raw)
            try checkExpectation(raw, id: id, model)
            return object(
                try tx.updateRecord(id: id, changes: data.objectValue ?? [:], in: model, caller: caller, now: now)
            )
        case "update-all":
            try tx.authorize(.update, on: model, caller: caller)
            return .array(
                try (data.arrayValue ?? []).enumerated().map { index, item in
                    let changes = item.objectValue ?? [:]
                    let id = changes["id"]?.stringValue ?? ""
                    return object(
                        try tx.updateRecord(id: id, changes: changes, in: model, caller: caller, now: now, index: index)
                    )
                }
            )
        case "update-any", "update-404":
            try tx.authorize(.update, on: model, caller: caller)
            let matches = try matches(raw, model, name: name)
            let updated = try matches.map {
                object(
                    try tx.updateRecord(
                        id: $0.id,
                        changes: data.objectValue ?? [:],
                        in: model,
                        caller: caller,
                        now: now
                    )
                )
            }
            return name == "update-any" ? .array(updated) : updated[0]
        case "delete-one":
            try tx.authorize(.delete, on: model, caller: caller)
            let id = try idOf(raw)
            try checkExpectation(raw, id: id, model)
            return object(try tx.trashRecord(id: id, in: model, caller: caller, now: now))
        case "delete-all":
            try tx.authorize(.delete, on: model, caller: caller)
            return .array(
                try (data.arrayValue ?? []).map { item in
                    let id = item.stringValue ?? item["id"]?.stringValue ?? ""
                    return object(try tx.trashRecord(id: id, in: model, caller: caller, now: now))
                }
            )
        case "delete-any", "delete-404":
            try tx.authorize(.delete, on: model, caller: caller)
            let trashed = try matches(raw, model, name: name).map {
                object(try tx.trashRecord(id: $0.id, in: model, caller: caller, now: now))
            }
            return name == "delete-any" ? .array(trashed) : trashed[0]
        case "upsert-one":
            var body = data.objectValue ?? [:]
            if let id = raw["id"]?.stringValue, body.member("id") == nil { body["id"] = .string(id) }
            if let id = body["id"]?.stringValue {
                try checkAbsent(raw, model, id: id)
                if raw["expect_hash"]?.stringValue != nil { try checkExpectation(raw, id: id, model) }
            }
            return object(try tx.upsertRecord(body, in: model, caller: caller, now: now).record)
        case "upsert-all":
            return .array(
                try (data.arrayValue ?? []).enumerated().map { index, item in
                    object(
                        try tx.upsertRecord(item.objectValue ?? [:], in: model, caller: caller, now: now, index: index)
                            .record
                    )
                }
            )
        case "access-one", "access-all", "access-any", "access-404":
            return try access(name, raw: raw, model: model)
        default:
            throw APIError(422, "OPERATION_UNSUPPORTED", "unsupported operation '\(name)'")
        }
    }

    // MARK: Targets

    private func find(_ raw: JSONObject, _ model: ModelInfo) throws -> [StoredRecord] {
        let find = try QueryBuilder.find(body: .object(raw["filter"]?.objectValue ?? [:]), model: model)
        return try tx.records(in: model.name, query: query(find, model))
    }

    private func query(_ find: FindRequest, _ model: ModelInfo) -> RecordQuery {
        QueryBuilder.query(find, model: model, caller: caller, tx: tx)
    }

    /// The record an `id`- or `filter`-addressed operation names (a filter overrides the id).
    private func target(_ raw: JSONObject, _ model: ModelInfo) throws -> StoredRecord? {
        if raw["filter"]?.objectValue != nil { return try find(raw, model).first }
        guard let id = raw["id"]?.stringValue, let uuid = UUIDText.canonical(id),
            let record = try tx.record(id: uuid, in: model.name), tx.canRead(record, caller: caller)
        else { return nil }
        return record
    }

    /// `*-any` matches, or for `*-404` exactly the first match (404 when none).
    private func matches(_ raw: JSONObject, _ model: ModelInfo, name: String) throws -> [StoredRecord] {
        if name.hasSuffix("-404") {
            guard let record = try target(raw, model) else { throw notFound(raw) }
            return [record]
        }
        return try find(raw, model)
    }

    private func idOf(_ raw: JSONObject) throws -> String {
        guard let id = raw["id"]?.stringValue else {
            throw APIError(400, "OPERATION_MISSING_ID", "the operation needs an id")
        }
        return id
    }

    private func notFound(_ raw: JSONObject) -> APIError {
        let message = raw["message"]?.stringValue ?? "record not found"
        var details: JSONObject = [:]
        if let id = raw.member("id") { details["id"] = id }
        return APIError(404, "RECORD_NOT_FOUND", message, details: details)
    }

    // MARK: Preconditions (§6.3a)

    /// `expect_hash: "<hex>"`: the record's current hash must equal it.
    private func checkExpectation(_ raw: JSONObject, id: String, _ model: ModelInfo) throws {
        guard let expected = raw["expect_hash"]?.stringValue?.lowercased() else { return }
        guard let uuid = UUIDText.canonical(id), let record = try tx.record(id: uuid, in: model.name, scope: .include),
            tx.canRead(record, caller: caller)
        else {
            throw APIError(404, "RECORD_NOT_FOUND", "record \(id) not found", details: ["id": .string(id)])
        }
        let actual = RecordHashes.hex(of: record, fields: options.hashFields, ignoreFields: options.hashIgnoreFields)
        if actual != expected {
            throw APIError(
                409,
                "RECORD_CHANGED",
                "record \(id) changed since it was read",
                details: ["id": .string(id), "expected": .string(expected), "actual": .string(actual)]
            )
        }
    }

    /// `expect_hash: null` on create/upsert: the id must not exist, live or trashed.
    func checkAbsent(_ raw: JSONObject, _ model: ModelInfo, id given: String? = nil) throws {
        guard let expect = raw.member("expect_hash"), expect.isNull else { return }
        guard let id = given ?? raw["data"]?["id"]?.stringValue, let uuid = UUIDText.canonical(id) else { return }
        if let record = try tx.record(id: uuid, in: model.name, scope: .include) {
            let actual = RecordHashes.hex(
                of: record,
                fields: options.hashFields,
                ignoreFields: options.hashIgnoreFields
            )
            throw APIError(
                409,
                "RECORD_EXISTS",
                "record \(id) already exists",
                details: ["id": .string(uuid), "actual": .string(actual)]
            )
        }
    }

    // MARK: ACLs

    private func access(_ name: String, raw: JSONObject, model: ModelInfo) throws -> JSONValue {
        guard caller.isSudo else { throw APIError(403, "SUDO_REQUIRED", "access operations need sudo") }
        let data = raw["data"] ?? .null
        func apply(_ record: StoredRecord, _ changes: JSONObject) throws -> JSONValue {
            object(try tx.replaceAccess(of: record, changes: changes, in: model, now: now))
        }
        switch name {
        case "access-one":
            guard let record = try target(raw, model) else { throw notFound(raw) }
            return try apply(record, data.objectValue ?? [:])
        case "access-all":
            return .array(
                try (data.arrayValue ?? []).map { item in
                    let changes = item.objectValue ?? [:]
                    let id = changes["id"]?.stringValue ?? ""
                    guard let record = try target(["id": .string(id)], model) else {
                        throw notFound(["id": .string(id)])
                    }
                    return try apply(record, changes)
                }
            )
        case "access-any": return .array(try find(raw, model).map { try apply($0, data.objectValue ?? [:]) })
        default:
            guard let record = try target(raw, model) else { throw notFound(raw) }
            return try apply(record, data.objectValue ?? [:])
        }
    }

    // MARK: Results

    func object(_ record: StoredRecord) -> JSONValue {
        keepsResults ? .object(RecordCodec.fullObject(record)) : .object([:])
    }

    private func records(_ records: [StoredRecord]) -> JSONValue { .array(records.map(object)) }
}

/// The model definitions one bulk request has read, by name (see ``BulkExecutor``).
final class ModelMemo {
    private var known: [String: ModelInfo] = [:]

    /// `name`'s definition, read from `tx` the first time.
    ///
    /// - Throws: what ``TenantTransaction/requireModel(_:)`` throws (404 for an unknown model); failures are
    ///   not remembered.
    func model(_ name: String, in tx: TenantTransaction) throws -> ModelInfo {
        if let model = known[name] { return model }
        let model = try tx.requireModel(name)
        known[name] = model
        return model
    }
}
