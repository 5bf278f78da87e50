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
