import MonkCore

/// Records of a find, with the match count when it was asked for (`count: true`).
package struct FindResult: Sendable, Equatable {
    package var records: [JSONValue]
    /// Matches ignoring `limit`/`offset`/`after`; `nil` unless requested.
    package var total: Int64?
}

extension MonkAPIClient {
    /// `POST /api/find/:model` with a find body (API.md §3.1: `where`, `order`, `limit`, `after`, `count`, …).
    ///
    /// Safe to retry (a read). `total` comes from the top level or, for monk-api 6.2, from `data.total`.
    package func find(_ model: String, _ body: JSONObject) async throws -> FindResult {
        let envelope = try await call(.post, APIPath.join("/api/find", model), body: .object(body), isIdempotent: true)
        return FindResult(records: envelope.data.arrayValue ?? [], total: envelope.total)
    }

    /// One keyset page through `POST /api/find`, for servers without `after` (API.md §15, monk-api 6.x):
    /// records with `id > lastID` that match `filter`, in id order, at most `limit`.
    ///
    /// Sends `where: {"$and": [filter, {"id": {"$gt": lastID}}]}`, `order: ["id asc"]` and `limit`, which every
    /// monk-api server understands. Continue with the last id returned until a page is shorter than `limit`.
    ///
    /// - Parameters:
    ///   - lastID: the last id already read; `nil` for the first page.
    ///   - filter: a `where` object narrowing the records; `nil` or empty for all.
    ///   - trashed: the find `trashed` value (`include` to see trashed ids too); `nil` leaves the default.
    package func findPage(
        _ model: String,
        after lastID: String?,
        limit: Int,
        filter: JSONObject? = nil,
        trashed: String? = nil
    ) async throws -> [JSONValue] {
        var conditions: [JSONValue] = []
        if let filter, !filter.isEmpty { conditions.append(.object(filter)) }
        if let lastID { conditions.append(["id": ["$gt": .string(lastID)]]) }
        var body: JSONObject = ["order": ["id asc"], "limit": .number(JSONNumber(limit))]
        switch conditions.count {
        case 0: break
        case 1: body["where"] = conditions[0]
        default: body["where"] = ["$and": .array(conditions)]
        }
        body["trashed"] = trashed.map(JSONValue.string)
        return try await find(model, body).records
    }

    /// `POST /api/aggregate/:model` (API.md §4.2): the result rows. Safe to retry (a read).
    package func aggregate(_ model: String, _ body: JSONObject) async throws -> [JSONValue] {
        let path = APIPath.join("/api/aggregate", model)
        return try await call(.post, path, body: .object(body), isIdempotent: true).data.arrayValue ?? []
    }

    /// `POST /api/bulk` (API.md §6): the per-operation array in request order (or the async job object).
    ///
    /// Never retried after an ambiguous failure: a bulk write may have committed (API.md §14).
    package func bulk(_ body: JSONObject) async throws -> JSONValue {
        try await call(.post, "/api/bulk", body: .object(body)).data
    }

    /// `POST /api/bulk` with a body the caller already encoded as JSON (`{"operations": [...], ...}`), so
    /// records held as canonical bytes are spliced in instead of being rebuilt as a JSON tree. Answers and
    /// errors as ``bulk(_:)``; never retried after an ambiguous failure.
    package func bulk(encodedBody body: [UInt8]) async throws -> JSONValue {
        var request = makeRequest(.post, "/api/bulk")
        request.headers.append(HTTPHeader("Content-Type", "application/json"))
        request.body = body
        let response = try await transport.send(request, receiving: .buffered(limit: responseLimit))
        return try Envelope.decode(response, for: request).data
    }
}
