import Hummingbird
import MonkCore
import MonkStore

/// `POST /api/find/:model` (API.md §3.1): records with every system field, optionally with `total`.
struct FindController: Sendable {
    let state: ServerState
    var authenticator: Authenticator { Authenticator(state: state) }

    func add(to router: Router<MonkRequestContext>) {
        router.post("/api/find/:model", use: find)
        router.get("/api/find/:model/:target", use: savedFilter)
    }

    /// §3.5: runs the `filters` record named (by id or `name`) `:target` whose `model_name` is `:model`.
    @Sendable func savedFilter(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let target = try context.parameters.require("target")
        let caller = session.caller
        let records = try await session.store.read { tx in
            let filters = try tx.requireModel("filters")
            let byTarget: WhereExpression = .and([
                .field("model_name", .compare(.equal, .string(name))),
                .or([
                    .field("name", .compare(.equal, .string(target))),
                    .field("id", .compare(.equal, .string(UUIDText.canonical(target) ?? target))),
                ]),
            ])
            var lookup = RecordQuery()
            lookup.condition = tx.visibility(for: caller).and(WhereCompiler.compile(byTarget, model: filters))
            lookup.limit = 1
            guard let saved = try tx.records(in: "filters", query: lookup).first else {
                throw APIError(404, "FILTER_NOT_FOUND", "no saved filter '\(target)' for \(name)")
            }
            let fields = RecordCodec.fields(of: saved)
            var body = JSONObject()
            for key in ["select", "where", "order", "limit", "offset"] {
                if let value = fields.member(key), !value.isNull { body[key] = value }
            }
            let model = try tx.requireModel(name)
            try tx.authorize(.read, on: model, caller: caller)
            let find = try QueryBuilder.find(body: .object(body), model: model)
            let records = try tx.records(
                in: name,
                query: QueryBuilder.query(find, model: model, caller: caller, tx: tx)
            )
            var data = Reply.records(records, stripping: .none, request: request)
            if let select = find.select { data = QueryBuilder.project(data, select) }
            return data
        }
        return Reply.success(records, request: request)
    }

    @Sendable func find(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let body = try await state.body.value(of: request)
        let caller = session.caller
        let (records, total, select) = try await session.store.read { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.read, on: model, caller: caller)
            let find = try QueryBuilder.find(body: body, model: model)
            let query = QueryBuilder.query(find, model: model, caller: caller, tx: tx)
            let total = find.includesTotal ? try tx.count(in: name, query: query) : nil
            return (try tx.records(in: name, query: query), total, find.select)
        }
        var data = Reply.records(records, stripping: .none, request: request)
        if let select { data = QueryBuilder.project(data, select) }
        return Reply.success(data, total: total, request: request)
    }
}
