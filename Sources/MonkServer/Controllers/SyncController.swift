import Hummingbird
import MonkCore
import MonkStore
import NIOCore

/// `POST /api/sync/:model/checksum` and `/hashes` (API.md §8): digests and hashes computed exactly as DESIGN.md
/// §4 says, from the stored hashes when no field selection is asked for (nothing is re-encoded).
struct SyncController: Sendable {
    let state: ServerState
    var authenticator: Authenticator { Authenticator(state: state) }

    func add(to router: Router<MonkRequestContext>) {
        router.post("/api/sync/:model/checksum", use: checksum)
        router.post("/api/sync/:model/hashes", use: hashes)
    }

    /// The filter keys both endpoints share.
    struct Filter {
        var findBody: JSONObject
        var fields: [String]?
        var ignoreFields: [String]

        init(_ body: JSONObject, extraKeys: Set<String>) throws {
            let syncKeys: Set<String> = ["fields", "ignore_fields"]
            for key in body.keys where !["where", "trashed"].contains(key) && !syncKeys.union(extraKeys).contains(key) {
                throw APIError(400, "SYNC_INVALID_REQUEST", "unknown key '\(key)'")
            }
            findBody = [:]
            if let filter = body["where"] { findBody["where"] = filter }
            if let trashed = body["trashed"] { findBody["trashed"] = trashed }
            fields = try SyncController.names(body["fields"])
            ignoreFields = try SyncController.names(body["ignore_fields"]) ?? []
        }

        /// `(id, hash)` of the matching records in `from < id <= to`, in id order.
        func hashes(tx: TenantTransaction, model: ModelInfo, caller: Caller, from: String?, to: String?, limit: Int?)
            throws -> [(id: String, hash: RecordHash)]
        {
            let find = try QueryBuilder.find(body: .object(findBody), model: model)
            var query = QueryBuilder.query(find, model: model, caller: caller, tx: tx)
            query.idFrom = from
            query.idTo = to
            query.limit = limit
            if fields == nil && ignoreFields.isEmpty {
                return try tx.hashes(in: model.name, query: query).map { row in
                    (row.id, RecordHash(hex: HexEncoding.encode(row.hash)) ?? RecordHash(high: 0, low: 0))
                }
            }
            return try tx.records(in: model.name, query: query).map { record in
                (record.id, RecordHashes.hash(of: record, fields: fields, ignoreFields: ignoreFields))
            }
        }
    }

    /// §8.1: per range, counts and digests of `segments` id-ordered segments.
    @Sendable func checksum(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let body = try await syncBody(request)
        let filter = try Filter(body, extraKeys: ["ranges", "segments"])
        let segments = try SyncController.integer(body["segments"], default: 1, range: 1...1024, name: "segments")
        let ranges = try SyncController.ranges(body["ranges"])
        let caller = session.caller
        let results = try await session.store.read { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.read, on: model, caller: caller)
            return try ranges.map { range in
                let rows = try filter.hashes(
                    tx: tx,
                    model: model,
                    caller: caller,
                    from: range.from,
                    to: range.to,
                    limit: nil
                )
                return SyncController.rangeObject(rows, from: range.from, to: range.to, segments: segments)
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
        let body = try await syncBody(request)
        let filter = try Filter(body, extraKeys: ["from", "to", "limit"])
        let from = body["from"]?.stringValue
        let to = body["to"]?.stringValue
        let limit =
            body["limit"] == nil
            ? nil : try SyncController.integer(body["limit"], default: 0, range: 0...Int.max, name: "limit")
        let caller = session.caller
        let rows = try await session.store.read { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.read, on: model, caller: caller)
            return try filter.hashes(tx: tx, model: model, caller: caller, from: from, to: to, limit: limit)
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

    // MARK: Helpers

    private func syncBody(_ request: Request) async throws -> JSONObject {
        guard case .object(let body) = try await state.body.value(of: request) else {
            throw APIError(400, "SYNC_INVALID_REQUEST", "the body must be an object")
        }
        return body
    }

    /// One range's answer: its count and digest, and its segments.
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

    static func ranges(_ value: JSONValue?) throws -> [(from: String?, to: String?)] {
        guard let value, !value.isNull else { return [(nil, nil)] }
        guard let items = value.arrayValue, (1...1024).contains(items.count) else {
            throw APIError(400, "SYNC_INVALID_REQUEST", "ranges must be an array of 1–1024 ranges")
        }
        let ranges = try items.map { item -> (from: String?, to: String?) in
            guard case .object(let object) = item else {
                throw APIError(400, "SYNC_INVALID_REQUEST", "each range is an object {from, to}")
            }
            let from = object["from"]?.stringValue
            let to = object["to"]?.stringValue
            if let from, let to, !from.utf8.lexicographicallyPrecedes(to.utf8) {
                throw APIError(400, "SYNC_INVALID_REQUEST", "a range needs from < to")
            }
            return (from, to)
        }
        let sorted = ranges.sorted { ($0.from ?? "").utf8.lexicographicallyPrecedes(($1.from ?? "").utf8) }
        for (previous, next) in zip(sorted, sorted.dropFirst()) {
            guard let end = previous.to, let start = next.from, !start.utf8.lexicographicallyPrecedes(end.utf8) else {
                throw APIError(400, "SYNC_INVALID_REQUEST", "ranges overlap")
            }
        }
        return ranges
    }

    static func names(_ value: JSONValue?) throws -> [String]? {
        guard let value, !value.isNull else { return nil }
        guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
            throw APIError(400, "SYNC_INVALID_REQUEST", "field lists are arrays of names")
        }
        return items.compactMap(\.stringValue)
    }

    static func integer(_ value: JSONValue?, default fallback: Int, range: ClosedRange<Int>, name: String) throws -> Int
    {
        guard let value, !value.isNull else { return fallback }
        guard let number = value.numberValue?.int64Value, let integer = Int(exactly: number), range.contains(integer)
        else { throw APIError(400, "SYNC_INVALID_REQUEST", "\(name) is out of range") }
        return integer
    }
}
