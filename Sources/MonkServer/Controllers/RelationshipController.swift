import Hummingbird
import MonkCore
import MonkStore

/// Relationship routes `/api/data/:model/:id/:rel[/:child]` (API.md §2.1, §2.5): children are records of the
/// model whose field has `relationship_type: owned`, `related_model: :model` and `relationship_name: :rel`.
struct RelationshipController: Sendable {
    let state: ServerState
    var authenticator: Authenticator { Authenticator(state: state) }

    func add(to router: Router<MonkRequestContext>) {
        router.get("/api/data/:model/:id/:rel", use: list)
        router.post("/api/data/:model/:id/:rel", use: create)
        router.put("/api/data/:model/:id/:rel", use: notImplemented)
        router.delete("/api/data/:model/:id/:rel", use: trashAll)
        router.get("/api/data/:model/:id/:rel/:child", use: getChild)
        router.put("/api/data/:model/:id/:rel/:child", use: updateChild)
        router.delete("/api/data/:model/:id/:rel/:child", use: trashChild)
    }

    /// The child model and the field holding the parent id, or 404 `RELATIONSHIP_NOT_FOUND`.
    private static func relationship(_ parent: String, _ name: String, tx: TenantTransaction) throws
        -> (child: ModelInfo, field: String)
    {
        for modelName in try tx.modelNames() {
            let model = try tx.requireModel(modelName)
            if let field = model.fields.first(where: {
                $0.relationshipType == .owned && $0.relatedModel == parent && $0.relationshipName == name
            }) {
                return (model, field.fieldName)
            }
        }
        throw APIError(404, "RELATIONSHIP_NOT_FOUND", "model \(parent) has no relationship \(name)")
    }

    /// Runs `work` with the live parent (readable by the caller), the child model and the link field.
    private func withParent<T: Sendable>(
        _ request: Request,
        _ context: MonkRequestContext,
        write: Bool,
        _ work: @escaping @Sendable (TenantTransaction, Caller, String, ModelInfo, String) throws -> T
    ) async throws -> T {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let id = try context.parameters.require("id")
        let rel = try context.parameters.require("rel")
        let caller = session.caller
        let body: @Sendable (TenantTransaction) throws -> T = { tx in
            let parent = try tx.requireModel(name)
            try tx.authorize(.read, on: parent, caller: caller)
            let record = try tx.readableRecord(id: id, in: parent, caller: caller)
            let (child, field) = try RelationshipController.relationship(name, rel, tx: tx)
            return try work(tx, caller, record.id, child, field)
        }
        return write ? try await session.store.write(body) : try await session.store.read(body)
    }

    private static func children(
        _ tx: TenantTransaction,
        _ caller: Caller,
        _ parentID: String,
        _ child: ModelInfo,
        _ field: String
    )
        throws -> [StoredRecord]
    {
        try tx.authorize(.read, on: child, caller: caller)
        var query = RecordQuery()
        query.condition = tx.visibility(for: caller).and(
            WhereCompiler.compile(.field(field, .compare(.equal, .string(parentID))), model: child)
        )
        return try tx.records(in: child.name, query: query)
    }

    @Sendable func list(request: Request, context: MonkRequestContext) async throws -> Response {
        let records = try await withParent(request, context, write: false) { tx, caller, parentID, child, field in
            try RelationshipController.children(tx, caller, parentID, child, field)
        }
        return Reply.success(
            Reply.records(records, stripping: .data, request: request),
            request: request,
            projects: true
        )
    }

    @Sendable func create(request: Request, context: MonkRequestContext) async throws -> Response {
        guard case .object(let body) = try await state.body.value(of: request) else {
            throw APIError(400, "INVALID_BODY_FORMAT", "the body must be an object")
        }
        let now = Timestamps.now()
        let record = try await withParent(request, context, write: true) { tx, caller, parentID, child, field in
            try tx.authorize(.create, on: child, caller: caller)
            var fields = body
            fields[field] = .string(parentID)
            return try tx.createRecord(fields, in: child, caller: caller, now: now)
        }
        return Reply.success(
            Reply.record(for: record, stripping: .data, request: request),
            request: request,
            projects: true
        )
    }

    @Sendable func notImplemented(request: Request, context: MonkRequestContext) async throws -> Response {
        throw APIError(501, "NOT_IMPLEMENTED", "replacing all children is not implemented")
    }

    @Sendable func trashAll(request: Request, context: MonkRequestContext) async throws -> Response {
        let now = Timestamps.now()
        let records = try await withParent(request, context, write: true) { tx, caller, parentID, child, field in
            try tx.authorize(.delete, on: child, caller: caller)
            return try RelationshipController.children(tx, caller, parentID, child, field).map {
                try tx.trashRecord(id: $0.id, in: child, caller: caller, now: now)
            }
        }
        return Reply.success(
            Reply.records(records, stripping: .data, request: request),
            request: request,
            projects: true
        )
    }

    @Sendable func getChild(request: Request, context: MonkRequestContext) async throws -> Response {
        try await child(request, context, write: false) { _, _, _, record in record }
    }

    @Sendable func updateChild(request: Request, context: MonkRequestContext) async throws -> Response {
        guard case .object(let changes) = try await state.body.value(of: request) else {
            throw APIError(400, "INVALID_BODY_FORMAT", "the body must be an object")
        }
        let now = Timestamps.now()
        return try await child(request, context, write: true) { tx, caller, child, record in
            try tx.authorize(.update, on: child, caller: caller)
            return try tx.updateRecord(id: record.id, changes: changes, in: child, caller: caller, now: now)
        }
    }

    @Sendable func trashChild(request: Request, context: MonkRequestContext) async throws -> Response {
        let now = Timestamps.now()
        return try await child(request, context, write: true) { tx, caller, child, record in
            try tx.authorize(.delete, on: child, caller: caller)
            return try tx.trashRecord(id: record.id, in: child, caller: caller, now: now)
        }
    }

    /// One child that must belong to the parent (else 404 `RECORD_NOT_FOUND`), handed to `work`.
    private func child(
        _ request: Request,
        _ context: MonkRequestContext,
        write: Bool,
        _ work: @escaping @Sendable (TenantTransaction, Caller, ModelInfo, StoredRecord) throws -> StoredRecord
    ) async throws -> Response {
        let childID = try context.parameters.require("child")
        let record = try await withParent(request, context, write: write) { tx, caller, parentID, child, field in
            let record = try tx.readableRecord(id: childID, in: child, caller: caller)
            guard RecordCodec.fields(of: record)[field]?.stringValue == parentID else {
                throw StoreError(
                    code: "RECORD_NOT_FOUND",
                    message: "record \(childID) is not a child of \(parentID)",
                    details: ["id": .string(childID)]
                )
            }
            return try work(tx, caller, child, record)
        }
        return Reply.success(
            Reply.record(for: record, stripping: .data, request: request),
            request: request,
            projects: true
        )
    }
}
