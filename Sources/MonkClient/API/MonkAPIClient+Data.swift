import MonkCore

/// Response modifiers and write modes of the Data API (API.md §0.7, §2.2).
package struct DataOptions: OptionSet, Sendable, Hashable {
    package let rawValue: Int
    package init(rawValue: Int) { self.rawValue = rawValue }

    /// `?stat=true`: keep `created_at`, `updated_at`, `trashed_at`, `deleted_at`.
    package static let stat = DataOptions(rawValue: 1)
    /// `?access=true`: keep the `access_*` lists.
    package static let access = DataOptions(rawValue: 2)
    /// `?upsert=true` on create: update ids that exist, create the others (monk serve; see API.md §15).
    package static let upsert = DataOptions(rawValue: 4)

    var query: [(String, String?)] {
        var pairs: [(String, String?)] = []
        if contains(.stat) { pairs.append(("stat", "true")) }
        if contains(.access) { pairs.append(("access", "true")) }
        if contains(.upsert) { pairs.append(("upsert", "true")) }
        return pairs
    }
}

/// Query parameters of `GET /api/data/:model` (API.md §2.6).
package struct DataQuery: Sendable, Equatable {
    /// Order as a comma list (`id`, `name desc`); monk-api has no default, so list reads send one.
    package var order: String?
    package var limit: Int?
    package var offset: Int?
    /// Keyset paging: only ids after this one (monk serve, capability `keyset`).
    package var after: String?
    /// Projection (`id` is always kept).
    package var select: [String]?
    /// A find `where` object (API.md §3.2), sent as `where=<JSON>`; honoured by `monk serve`.
    package var filter: JSONValue?
    package var options: DataOptions

    package init(
        order: String? = "id",
        limit: Int? = nil,
        offset: Int? = nil,
        after: String? = nil,
        select: [String]? = nil,
        filter: JSONValue? = nil,
        options: DataOptions = []
    ) {
        self.order = order
        self.limit = limit
        self.offset = offset
        self.after = after
        self.select = select
        self.filter = filter
        self.options = options
    }

    var query: [(String, String?)] {
        var pairs = options.query
        if let order { pairs.append(("order", order)) }
        if let limit { pairs.append(("limit", String(limit))) }
        if let offset { pairs.append(("offset", String(offset))) }
        if let after { pairs.append(("after", after)) }
        if let select { pairs.append(("select", select.joined(separator: ","))) }
        if let filter { pairs.append(("where", String(decoding: filter.canonicalBytes, as: UTF8.self))) }
        return pairs
    }
}

extension MonkAPIClient {
    /// `GET /api/data/:model`: live records, as a JSON array.
    package func listRecords(_ model: String, query: DataQuery = DataQuery()) async throws -> [JSONValue] {
        try await call(.get, APIPath.join("/api/data", model), query: query.query).data.arrayValue ?? []
    }

    /// `GET /api/data/:model/:id`. A missing record is 404 `RECORD_NOT_FOUND` (category `.notFound`).
    package func record(_ model: String, id: String, options: DataOptions = []) async throws -> JSONValue {
        try await call(.get, APIPath.join("/api/data", model, id), query: options.query).data
    }

    /// `POST /api/data/:model` with a record array; returns the created (or upserted) records in input order.
    ///
    /// One transaction: if any record fails, nothing is written. Not retried after ambiguous failures.
    package func createRecords(
        _ model: String,
        _ records: [JSONValue],
        options: DataOptions = []
    ) async throws -> [JSONValue] {
        let path = APIPath.join("/api/data", model)
        return try await call(.post, path, query: options.query, body: .array(records)).data.arrayValue ?? []
    }

    /// `PUT /api/data/:model` with `{id, …changes}` objects: partial updates in one transaction.
    package func updateRecords(
        _ model: String,
        _ changes: [JSONValue],
        options: DataOptions = []
    ) async throws -> [JSONValue] {
        let path = APIPath.join("/api/data", model)
        return try await call(.put, path, query: options.query, body: .array(changes)).data.arrayValue ?? []
    }

    /// `PUT /api/data/:model/:id` with a partial object; returns the updated record.
    package func updateRecord(
        _ model: String,
        id: String,
        _ changes: JSONObject,
        options: DataOptions = []
    ) async throws -> JSONValue {
        try await call(.put, APIPath.join("/api/data", model, id), query: options.query, body: .object(changes)).data
    }

    /// `DELETE /api/data/:model` with `[{id}]`: trashes the records; returns them.
    package func deleteRecords(_ model: String, ids: [String], options: DataOptions = []) async throws -> [JSONValue] {
        let body = JSONValue.array(ids.map { ["id": .string($0)] })
        let path = APIPath.join("/api/data", model)
        return try await call(.delete, path, query: options.query, body: body).data.arrayValue ?? []
    }

    /// `DELETE /api/data/:model/:id`: trashes one record; returns it.
    package func deleteRecord(_ model: String, id: String, options: DataOptions = []) async throws -> JSONValue {
        try await call(.delete, APIPath.join("/api/data", model, id), query: options.query).data
    }
}
