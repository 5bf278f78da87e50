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

    /// §8.1: per range, counts and digests of `segments` id-ordered segments.
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
                let rows = try SyncController.hashes(
                    parsed.filter,
                    range,
                    limit: nil,
                    tx: tx,
                    model: model,
                    caller: caller
                )
                return SyncController.rangeObject(rows, from: range.from, to: range.to, segments: parsed.segments)
            }
        }
        return Reply.success(
            ["algorithm": .string(SegmentDigest.algorithm), "ranges": .array(results)],
            request: request
        )
    }

    /// §8.2: a JSONL stream of `{"id","hash"}` in id order.
    @Sendable func hashes(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let body = try await state.body.value(of: request)
        let caller = session.caller
        let rows = try await session.store.read { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.read, on: model, caller: caller)
            let parsed: SyncHashesRequest
            do {
                parsed = try SyncHashesRequest(body: body, fieldTypes: model.definition.fieldTypes)
            } catch {
                throw APIError.from(error)
            }
            return try SyncController.hashes(
                parsed.filter,
                parsed.range,
                limit: parsed.limit,
                tx: tx,
                model: model,
                caller: caller
            )
        }
        var buffer = ByteBuffer()
        for row in rows {
            buffer.writeString("{\"hash\":\"\(row.hash.hex)\",\"id\":\"\(row.id)\"}\n")
        }
        return Response(
            status: .ok,
            headers: [.contentType: JSONResponse.jsonlContentType],
            body: ResponseBody(byteBuffer: buffer)
        )
    }

    /// `(id, hash)` of the records the filter selects in `from < id <= to`, in id order. Without a field
    /// selection these are the stored hashes, read from the `hash` column only.
    static func hashes(
        _ filter: SyncFilter,
        _ range: SyncRange,
        limit: Int?,
        tx: TenantTransaction,
        model: ModelInfo,
        caller: Caller
    ) throws -> [(id: String, hash: RecordHash)] {
        var find = FindRequest()
        find.filter = filter.filter
        find.trashed = filter.trashed
        find.limit = limit
        var query = QueryBuilder.query(find, model: model, caller: caller, tx: tx)
        query.idFrom = range.from
        query.idTo = range.to
        if filter.fields == nil && filter.ignoreFields.isEmpty {
            return try tx.hashes(in: model.name, query: query).map { row in
                (row.id, RecordHash(hex: HexEncoding.encode(row.hash)) ?? RecordHash(high: 0, low: 0))
            }
        }
        return try tx.records(in: model.name, query: query).map { record in
            (record.id, RecordHashes.hash(of: record, fields: filter.fields, ignoreFields: filter.ignoreFields))
        }
    }

    /// One range's answer: its count and digest, and `min(segments, count)` segments (at least one) whose counts
    /// differ by at most one; inner boundaries are the id of each segment's last record.
    static func rangeObject(_ rows: [(id: String, hash: RecordHash)], from: String?, to: String?, segments: Int)
        -> JSONValue
    {
        func id(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        func summary(_ slice: ArraySlice<(id: String, hash: RecordHash)>, from: String?, to: String?) -> JSONObject {
            let digest = SegmentDigest(slice.map(\.hash))
            return [
                "from": id(from), "to": id(to), "count": .number(JSONNumber(slice.count)),
                "digest": .string(digest.hex),
            ]
        }
        var range = summary(rows[...], from: from, to: to)
        let parts = max(1, min(segments, rows.count))
        var pieces: [JSONValue] = []
        var start = 0
        var lower = from
        for part in 0..<parts {
            let size = rows.count / parts + (part < rows.count % parts ? 1 : 0)
            let end = start + size
            let upper = part == parts - 1 ? to : rows[end - 1].id
            pieces.append(.object(summary(rows[start..<end], from: lower, to: upper)))
            lower = upper
            start = end
        }
        range["segments"] = .array(pieces)
        return .object(range)
    }
}
