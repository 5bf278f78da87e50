import Hummingbird
import MonkCore
import MonkStore

/// The Data API `/api/data/:model[/:id]` (API.md §2). Each request is one transaction.
struct DataController: Sendable {
    let state: ServerState
    var authenticator: Authenticator { Authenticator(state: state) }

    func add(to router: Router<MonkRequestContext>) {
        router.get("/api/data/:model", use: list)
        router.post("/api/data/:model", use: create)
        router.put("/api/data/:model", use: updateMany)
        router.patch("/api/data/:model", use: patchMany)
        router.delete("/api/data/:model", use: deleteMany)
        router.get("/api/data/:model/:id", use: get)
        router.put("/api/data/:model/:id", use: updateOne)
        router.patch("/api/data/:model/:id", use: updateOne)
        router.delete("/api/data/:model/:id", use: deleteOne)
    }

    /// §2.6: live records, or a JSONL stream with `Accept: application/x-ndjson`.
    @Sendable func list(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let parameters = request.uri.queryParameters
        let query: @Sendable (String) -> String? = { parameters.get($0) }
        let accept = request.headers[.accept] ?? ""
        if accept.contains("ndjson") || accept.contains("jsonl") {
            return try await RecordStream.response(session: session, model: name, query: query)
        }
        let caller = session.caller
        let records = try await session.store.read { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.read, on: model, caller: caller)
            let find = try QueryBuilder.find(query: query, model: model)
            return try tx.records(in: name, query: QueryBuilder.query(find, model: model, caller: caller, tx: tx))
        }
        return Reply.success(
            Reply.records(records, stripping: .data, request: request),
            request: request,
            projects: true
        )
    }

    /// §2.2: create (or with `?upsert=true` upsert) an array or JSONL body of records.
    @Sendable func create(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let items: [JSONValue]
        if RequestBody.kind(of: request) == .jsonl {
            items = try state.body.lines(try await state.body.bytes(of: request))
        } else {
            guard case .array(let array) = try await state.body.value(of: request) else {
                throw APIError(400, "BODY_NOT_ARRAY", "the body must be an array of records")
            }
            items = array
        }
        let bodies = try DataController.objects(items)
        let upsert = Reply.flag(request.uri.queryParameters.get("upsert"))
        let now = Timestamps.now()
        let caller = session.caller
        let results = try await session.store.write { tx in
            let model = try tx.requireModel(name)
            if !upsert { try tx.authorize(.create, on: model, caller: caller) }
            return try bodies.enumerated().map { index, body in
                if upsert { return try tx.upsertRecord(body, in: model, caller: caller, now: now, index: index) }
                return (try tx.createRecord(body, in: model, caller: caller, now: now, index: index), true)
            }
        }
        if request.uri.queryParameters.get("return") == "count" {
            let created = results.filter(\.created).count
            return Reply.success(
                ["created": .number(JSONNumber(created)), "updated": .number(JSONNumber(results.count - created))],
                request: request
            )
        }
        return recordsReply(results.map(\.record), request: request)
    }

    /// §2.1: partial updates of `[{id, …}]`.
    @Sendable func updateMany(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        guard case .array(let array) = try await state.body.value(of: request) else {
            throw APIError(400, "BODY_NOT_ARRAY", "the body must be an array of {id, …} objects")
        }
        let bodies = try DataController.objects(array)
        let now = Timestamps.now()
        let caller = session.caller
        let records = try await session.store.write { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.update, on: model, caller: caller)
            return try bodies.enumerated().map { index, body in
                guard let id = body["id"]?.stringValue else {
                    throw StoreError(
                        code: "RECORD_NOT_FOUND",
                        message: "item \(index) has no id",
                        details: ["record_index": .number(JSONNumber(index))]
                    )
                }
                return try tx.updateRecord(id: id, changes: body, in: model, caller: caller, now: now, index: index)
            }
        }
        return recordsReply(records, request: request)
    }

    /// §2.3: `PATCH ?where=` applies one change object to every live match; without `where` it is PUT.
    @Sendable func patchMany(request: Request, context: MonkRequestContext) async throws -> Response {
        guard request.uri.queryParameters.get("where") != nil else {
            return try await updateMany(request: request, context: context)
        }
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        guard case .object(let changes) = try await state.body.value(of: request) else {
            throw APIError(400, "INVALID_BODY_FORMAT", "the body must be an object of changes")
        }
        let parameters = request.uri.queryParameters
        let now = Timestamps.now()
        let caller = session.caller
        let records = try await session.store.write { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.update, on: model, caller: caller)
            let find = try QueryBuilder.find(query: { parameters.get($0) }, model: model)
            let matches = try tx.records(
                in: name,
                query: QueryBuilder.query(find, model: model, caller: caller, tx: tx)
            )
            return try matches.map {
                try tx.updateRecord(id: $0.id, changes: changes, in: model, caller: caller, now: now)
            }
        }
        return recordsReply(records, request: request)
    }

    /// §2.4: trash `[{id}]` or `["id"]`.
    @Sendable func deleteMany(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        guard case .array(let array) = try await state.body.value(of: request) else {
            throw APIError(400, "BODY_NOT_ARRAY", "the body must be an array of ids")
        }
        let ids = try array.map { item in
            if let id = item.stringValue ?? item["id"]?.stringValue { return id }
            throw APIError(400, "BODY_NOT_ARRAY", "each item must be an id or {id}")
        }
        let now = Timestamps.now()
        let caller = session.caller
        let records = try await session.store.write { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.delete, on: model, caller: caller)
            return try ids.map { try tx.trashRecord(id: $0, in: model, caller: caller, now: now) }
        }
        return recordsReply(records, request: request)
    }

    /// One live record.
    @Sendable func get(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let id = try context.parameters.require("id")
        let caller = session.caller
        let record = try await session.store.read { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.read, on: model, caller: caller)
            return try tx.readableRecord(id: id, in: model, caller: caller)
        }
        if let response = Reply.plainRecord(record, request: request) { return response }
        return Reply.success(
            Reply.record(for: record, stripping: .data, request: request),
            request: request,
            projects: true
        )
    }

    /// PUT/PATCH of one record (partial).
    @Sendable func updateOne(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let id = try context.parameters.require("id")
        guard case .object(let changes) = try await state.body.value(of: request) else {
            throw APIError(400, "INVALID_BODY_FORMAT", "the body must be an object")
        }
        let now = Timestamps.now()
        let caller = session.caller
        let record = try await session.store.write { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.update, on: model, caller: caller)
            return try tx.updateRecord(id: id, changes: changes, in: model, caller: caller, now: now)
        }
        return Reply.success(
            Reply.record(for: record, stripping: .data, request: request),
            request: request,
            projects: true
        )
    }

    /// Trash one record.
    @Sendable func deleteOne(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let id = try context.parameters.require("id")
        let now = Timestamps.now()
        let caller = session.caller
        let record = try await session.store.write { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.delete, on: model, caller: caller)
            return try tx.trashRecord(id: id, in: model, caller: caller, now: now)
        }
        return Reply.success(
            Reply.record(for: record, stripping: .data, request: request),
            request: request,
            projects: true
        )
    }

    private func recordsReply(_ records: [StoredRecord], request: Request) -> Response {
        Reply.success(Reply.records(records, stripping: .data, request: request), request: request, projects: true)
    }

    /// Items of an array body that must all be objects (422 with `record_index` otherwise).
    static func objects(_ items: [JSONValue]) throws -> [JSONObject] {
        try items.enumerated().map { index, item in
            guard case .object(let object) = item else {
                throw APIError(
                    400,
                    "INVALID_BODY_FORMAT",
                    "item \(index) is not an object",
                    details: ["record_index": .number(JSONNumber(index))]
                )
            }
            return object
        }
    }
}
