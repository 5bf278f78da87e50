import Hummingbird
import MonkCore
import MonkStore

/// `POST /api/bulk` (API.md §6): many operations in one transaction, with refs, dependencies, preconditions and
/// dry runs.
struct BulkController: Sendable {
    let state: ServerState
    var authenticator: Authenticator { Authenticator(state: state) }

    func add(to router: Router<MonkRequestContext>) {
        router.post("/api/bulk", use: bulk)
    }

    @Sendable func bulk(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let (buffer, kind) = try await state.body.document(of: request)
        let body = try BulkBody(buffer: buffer, kind: kind, reader: state.body)
        do {
            let bulk = try BulkRequest(body: body.value, maxOperations: state.configuration.maxBulkOperations)
            let runner = BulkRunner(
                request: bulk,
                caller: session.caller,
                now: Timestamps.now(),
                deferred: body.deferred
            )
            let elements: [JSONValue]
            if bulk.options.dryRun {
                elements = try await session.store.writeAndRollBack { tx in try runner.run(in: tx) }
            } else {
                elements = try await session.store.write { tx in try runner.run(in: tx) }
            }
            return Reply.success(.array(elements), request: request)
        } catch {
            // A malformed record kept as bytes is the whole body's parse error, whatever failed first.
            try body.checkRecords()
            throw error
        }
    }
}
