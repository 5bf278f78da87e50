import Hummingbird
import MonkCore
import MonkStore

/// `POST /api/find/:model` (API.md §3.1): records with every system field, optionally with `total`.
struct FindController: Sendable {
    let state: ServerState
    var authenticator: Authenticator { Authenticator(state: state) }

    func add(to router: Router<MonkRequestContext>) {
        router.post("/api/find/:model", use: find)
    }

    @Sendable func find(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        guard case .object(let body) = try await state.body.value(of: request) else {
            throw APIError(400, "BODY_NOT_OBJECT", "the find body must be an object")
        }
        let find = try FindRequest(body: body)
        let caller = session.caller
        let (records, total) = try await session.store.read { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.read, on: model, caller: caller)
            let query = try QueryBuilder.query(find, model: model, caller: caller, tx: tx)
            return (try tx.records(in: name, query: query), find.count ? try tx.count(in: name, query: query) : nil)
        }
        var data = Reply.records(records, stripping: .none, request: request)
        if let select = find.select { data = QueryBuilder.project(data, select) }
        return Reply.success(data, total: total, request: request)
    }
}
