import Hummingbird
import MonkCore
import MonkStore
import NIOCore

/// `POST /api/sync/:model/checksum` and `/hashes` (API.md §8): digests and hashes computed exactly as DESIGN.md
/// §4 says, from the stored hashes when no field selection is asked for (nothing is re-encoded).
///
/// Bodies are parsed by MonkCore (``SyncChecksumRequest``, ``SyncHashesRequest``) with the model's field types.
struct SyncController: Sendable {
    let state: ServerState
    var authenticator: Authenticator { Authenticator(state: state) }

    func add(to router: Router<MonkRequestContext>) {
        router.post("/api/sync/:model/checksum", use: checksum)
        router.post("/api/sync/:model/hashes", use: hashes)
    }

    /// §8.1: per range, counts and digests of `segments` id-ordered segments. Without a field selection the
    /// digests are folded from the stored hashes while SQLite steps, and the answer is written as bytes.
    @Sendable func checksum(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let body = try await state.body.value(of: request)
        let caller = session.caller
        let results = try await session.store.read { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.read, on: model, caller: caller)
            let parsed: SyncChecksumRequest
            do {
                parsed = try SyncChecksumRequest(body: body, fieldTypes: model.definition.fieldTypes)
            } catch {
                throw APIError.from(error)
            }
            return try parsed.ranges.map { range in
                try SyncController.segments(parsed, range, tx: tx, model: model, caller: caller)
            }
        }
        return SyncChecksumBody.response(results, request: request)
    }

    /// One range's digest and segments: folded in SQLite from the stored hashes, or, with `fields` or
    /// `ignore_fields`, from records hashed here.
    static func segments(
        _ parsed: SyncChecksumRequest,
        _ range: SyncRange,
        tx: TenantTransaction,
        model: ModelInfo,
        caller: Caller
    ) throws -> SyncChecksumBody.Range {
        let query = SyncController.query(parsed.filter, range, limit: nil, tx: tx, model: model, caller: caller)
        guard selectsFields(parsed.filter) else {
            let (digest, segments) = try tx.hashSegments(in: model.name, query: query, segments: parsed.segments)
            return SyncChecksumBody.Range(from: range.from, to: range.to, digest: digest, segments: segments)
        }
        let rows = try selectedHashes(parsed.filter, query: query, tx: tx, model: model)
        return SyncChecksumBody.Range(rows, from: range.from, to: range.to, segments: parsed.segments)
    }

    /// §8.2: a JSONL stream of `{"id","hash"}` in id order.
    @Sendable func hashes(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let body = try await state.body.value(of: request)
        let caller = session.caller
        let lines = try await session.store.read { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.read, on: model, caller: caller)
            let parsed: SyncHashesRequest
            do {
                parsed = try SyncHashesRequest(body: body, fieldTypes: model.definition.fieldTypes)
            } catch {
                throw APIError.from(error)
            }
            let filter = parsed.filter
            let query = SyncController.query(
                filter,
                parsed.range,
                limit: parsed.limit,
                tx: tx,
                model: model,
                caller: caller
            )
            guard SyncController.selectsFields(filter) else { return try tx.hashLines(in: model.name, query: query) }
            var lines: [UInt8] = []
            for (id, hash) in try SyncController.selectedHashes(filter, query: query, tx: tx, model: model) {
                SyncChecksumBody.appendHashLine(id: id, hash: hash, to: &lines)
            }
            return lines
        }
        let buffer = ByteBuffer(bytes: lines)
        return Response(
            status: .ok,
            headers: [.contentType: JSONResponse.jsonlContentType],
            body: ResponseBody(byteBuffer: buffer)
        )
    }

    /// Whether the filter asks for `fields` or `ignore_fields`: then records are hashed here, since the stored
    /// hashes cover the default selection only.
    static func selectsFields(_ filter: SyncFilter) -> Bool {
        filter.fields != nil || !filter.ignoreFields.isEmpty
    }

    /// `(id, hash)` of the records `query` selects, in id order, each hashed over the filter's field selection.
    static func selectedHashes(
        _ filter: SyncFilter,
        query: RecordQuery,
        tx: TenantTransaction,
        model: ModelInfo
    ) throws -> [(id: String, hash: RecordHash)] {
        try tx.records(in: model.name, query: query).map { record in
            (record.id, RecordHashes.hash(of: record, fields: filter.fields, ignoreFields: filter.ignoreFields))
        }
    }

    /// The store query of a sync filter over one range: the caller's read scope, the `where`, the trash scope.
    static func query(
        _ filter: SyncFilter,
        _ range: SyncRange,
        limit: Int?,
        tx: TenantTransaction,
        model: ModelInfo,
        caller: Caller
    ) -> RecordQuery {
        var find = FindRequest()
        find.filter = filter.filter
        find.trashed = filter.trashed
        find.limit = limit
        var query = QueryBuilder.query(find, model: model, caller: caller, tx: tx)
        query.idFrom = range.from
        query.idTo = range.to
        return query
    }
}
