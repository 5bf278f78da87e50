import Hummingbird
import MonkCore
import MonkStore

/// `GET /api/stat/:model/:id` (API.md §7.2), `GET /api/aggregate/:model` and `POST /api/aggregate/:model`
/// (§4), and the ACL API `/api/acls/:model/:id` (§7.3).
struct StatController: Sendable {
    let state: ServerState
    var authenticator: Authenticator { Authenticator(state: state) }

    func add(to router: Router<MonkRequestContext>) {
        router.get("/api/stat/:model/:id", use: stat)
        router.get("/api/aggregate/:model", use: aggregateQuery)
        router.post("/api/aggregate/:model", use: aggregateBody)
        router.get("/api/acls/:model/:id", use: acls)
        router.post("/api/acls/:model/:id", use: addACLs)
        router.put("/api/acls/:model/:id", use: replaceACLs)
        router.delete("/api/acls/:model/:id", use: clearACLs)
    }

    @Sendable func stat(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let id = try context.parameters.require("id")
        let caller = session.caller
        let record = try await session.store.read { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.read, on: model, caller: caller)
            return try tx.readableRecord(id: id, in: model, caller: caller, scope: .include)
        }
        return Reply.success(
            [
                "id": .string(record.id), "created_at": .string(record.createdAt),
                "updated_at": .string(record.updatedAt),
                "trashed_at": record.trashedAt.map(JSONValue.string) ?? .null, "etag": .string(record.hashHex),
                "size": .number(JSONNumber(JSONValue.object(RecordCodec.fullObject(record)).canonicalBytes.count)),
            ],
            request: request
        )
    }

    /// §4.1: `?count&sum=f&avg=f&min=f&max=f&where=…`; result keys are the parameter names.
    @Sendable func aggregateQuery(request: Request, context: MonkRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        var spec = JSONObject()
        if query.has("count") { spec["count"] = ["$count": "*"] }
        for function in ["sum", "avg", "min", "max"] {
            if let field = query.get(function) { spec[function] = .object(["$" + function: .string(field)]) }
        }
        var body: JSONObject = ["aggregate": .object(spec)]
        if let text = query.get("where") {
            // The parse failure is the answer: 400 JSON_PARSE_ERROR below.
            guard let value = try? JSONParser.parse(Array(text.utf8)) else {
                throw APIError(400, "JSON_PARSE_ERROR", "where is not valid JSON")
            }
            body["where"] = value
        }
        return try await aggregate(body, request: request, context: context)
    }

    /// §4.2.
    @Sendable func aggregateBody(request: Request, context: MonkRequestContext) async throws -> Response {
        guard case .object(let body) = try await state.body.value(of: request) else {
            throw APIError(400, "BODY_NOT_OBJECT", "the body must be an object")
        }
        return try await aggregate(body, request: request, context: context)
    }

    private func aggregate(_ body: JSONObject, request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let caller = session.caller
        let rows = try await session.store.read { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.read, on: model, caller: caller)
            return try Aggregation.run(body, model: model, caller: caller, tx: tx)
        }
        return Reply.success(rows, request: request)
    }

    @Sendable func acls(request: Request, context: MonkRequestContext) async throws -> Response {
        try await changeACLs(request, context, mode: nil)
    }

    @Sendable func addACLs(request: Request, context: MonkRequestContext) async throws -> Response {
        try await changeACLs(request, context, mode: .add)
    }

    @Sendable func replaceACLs(request: Request, context: MonkRequestContext) async throws -> Response {
        try await changeACLs(request, context, mode: .replace)
    }

    @Sendable func clearACLs(request: Request, context: MonkRequestContext) async throws -> Response {
        try await changeACLs(request, context, mode: .clear)
    }

    /// What an ACL request does: nothing (GET), add ids, replace lists, or clear them all.
    private enum ACLMode { case add, replace, clear }

    private func changeACLs(_ request: Request, _ context: MonkRequestContext, mode: ACLMode?) async throws -> Response
    {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let id = try context.parameters.require("id")
        let caller = session.caller
        var body = JSONObject()
        if mode == .add || mode == .replace {
            guard case .object(let object) = try await state.body.value(of: request) else {
                throw APIError(400, "BODY_NOT_OBJECT", "the body must be an object")
            }
            body = object
        }
        let lists = body["access_lists"]?.objectValue ?? body
        if mode != nil && !caller.isSudo { throw APIError(403, "SUDO_REQUIRED", "ACL changes need sudo") }
        let now = Timestamps.now()
        let record = try await session.store.write { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.read, on: model, caller: caller)
            let record = try tx.readableRecord(id: id, in: model, caller: caller)
            switch mode {
            case nil: return record
            case .replace?: return try tx.replaceAccess(of: record, changes: lists, in: model, now: now)
            case .clear?:
                let empty: JSONObject = ["access_read": [], "access_edit": [], "access_full": [], "access_deny": []]
                return try tx.replaceAccess(of: record, changes: empty, in: model, now: now)
            case .add?:
                var merged = JSONObject()
                for (key, current) in record.access.fields {
                    let added = lists[key]?.arrayValue ?? []
                    var ids = current.map(JSONValue.string)
                    for item in added where !ids.contains(item) { ids.append(item) }
                    merged[key] = .array(ids)
                }
                return try tx.replaceAccess(of: record, changes: merged, in: model, now: now)
            }
        }
        var accessLists = JSONObject()
        for (key, ids) in record.access.fields { accessLists[key] = .array(ids.map(JSONValue.string)) }
        return Reply.success(
            ["record_id": .string(record.id), "model": .string(name), "access_lists": .object(accessLists)],
            request: request
        )
    }
}
