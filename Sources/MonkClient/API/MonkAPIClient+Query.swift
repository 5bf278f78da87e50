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
}
