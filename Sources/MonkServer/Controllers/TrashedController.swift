import Hummingbird
import MonkCore
import MonkStore

/// The Trashed API (API.md §7.1): list, restore and purge trashed records.
struct TrashedController: Sendable {
    let state: ServerState
    var authenticator: Authenticator { Authenticator(state: state) }

    func add(to router: Router<MonkRequestContext>) {
        router.get("/api/trashed", use: listAll)
        router.get("/api/trashed/:model", use: list)
        router.get("/api/trashed/:model/:id", use: get)
        router.post("/api/trashed/:model/:id", use: restoreOne)
        router.post("/api/trashed/:model", use: restoreMany)
        router.delete("/api/trashed/:model/:id", use: purgeOne)
        router.delete("/api/trashed/:model", use: purgeMany)
    }

    @Sendable func listAll(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let caller = session.caller
        let byModel = try await session.store.read { tx in
            var result: [(String, [StoredRecord])] = []
            for name in try tx.modelNames() {
                let model = try tx.requireModel(name)
                if model.needsSudo && !caller.isSudo { continue }
                var query = RecordQuery()
                query.trashed = .only
                query.condition = tx.visibility(for: caller)
                let records = try tx.records(in: name, query: query)
                if !records.isEmpty { result.append((name, records)) }
            }
            return result
        }
        var object = JSONObject()
        for (name, records) in byModel { object[name] = Reply.records(records, stripping: .trashed, request: request) }
        return Reply.success(.object(object), request: request)
    }

    @Sendable func list(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let caller = session.caller
        let records = try await session.store.read { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.read, on: model, caller: caller)
            var query = RecordQuery()
            query.trashed = .only
            query.condition = tx.visibility(for: caller)
            return try tx.records(in: name, query: query)
        }
        return Reply.success(
            Reply.records(records, stripping: .trashed, request: request),
            request: request,
            projects: true
        )
    }

    @Sendable func get(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let id = try context.parameters.require("id")
        let caller = session.caller
        let record = try await session.store.read { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.read, on: model, caller: caller)
            return try tx.readableRecord(id: id, in: model, caller: caller, scope: .only)
        }
        return Reply.success(
            Reply.record(for: record, stripping: .trashed, request: request),
            request: request,
            projects: true
        )
    }

    @Sendable func restoreOne(request: Request, context: MonkRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return try await change(request, context, ids: [id], single: true, purge: false)
    }

    @Sendable func restoreMany(request: Request, context: MonkRequestContext) async throws -> Response {
        try await change(request, context, ids: try await idList(request), single: false, purge: false)
    }

    @Sendable func purgeOne(request: Request, context: MonkRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return try await change(request, context, ids: [id], single: true, purge: true)
    }

    @Sendable func purgeMany(request: Request, context: MonkRequestContext) async throws -> Response {
        try await change(request, context, ids: try await idList(request), single: false, purge: true)
    }

    private func idList(_ request: Request) async throws -> [String] {
        guard case .array(let items) = try await state.body.value(of: request),
            items.allSatisfy({ $0.stringValue != nil })
        else { throw APIError(400, "BODY_NOT_ARRAY", "the body must be an array of id strings") }
        return items.compactMap(\.stringValue)
    }

    /// Restores (full) or purges (sudo) records, all or nothing.
    private func change(_ request: Request, _ context: MonkRequestContext, ids: [String], single: Bool, purge: Bool)
        async throws -> Response
    {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let caller = session.caller
        if purge && !caller.isSudo { throw APIError(403, "SUDO_REQUIRED", "purging needs sudo") }
        let now = Timestamps.now()
        let records = try await session.store.write { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.delete, on: model, caller: caller)
            return try ids.map { id in
                var record = try tx.readableRecord(id: id, in: model, caller: caller, scope: .include)
                if record.trashedAt == nil {
                    if purge {
                        throw StoreError(
                            code: "RECORD_NOT_FOUND",
                            message: "record \(id) is not trashed",
                            details: ["id": .string(id)]
                        )
                    }
                    throw StoreError(
                        code: "CANNOT_REVERT_NON_TRASHED",
                        message: "record \(id) is not trashed",
                        details: ["id": .string(id)]
                    )
                }
                if purge {
                    try tx.remove(id: record.id, from: name)
                    record.deletedAt = now
                } else {
                    record.trashedAt = nil
                    record.updatedAt = now
                    try tx.replace(record, in: name)
                }
                return record
            }
        }
        if single {
            return Reply.success(
                Reply.record(for: records[0], stripping: .trashed, request: request),
                request: request,
                projects: true
            )
        }
        return Reply.success(
            Reply.records(records, stripping: .trashed, request: request),
            request: request,
            projects: true
        )
    }
}
