import MonkCore

extension MonkAPIClient {
    /// `GET /api/describe`: model names, sorted, system models included.
    package func modelNames() async throws -> [String] {
        try await call(.get, "/api/describe").data.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// `GET /api/describe/:model` (with `?include=fields` on monk serve when `includeFields`).
    package func model(_ name: String, includeFields: Bool = false) async throws -> JSONObject {
        let query: [(String, String?)] = includeFields ? [("include", "fields")] : []
        return try await call(.get, APIPath.join("/api/describe", name), query: query).data.objectValue ?? JSONObject()
    }

    /// `POST /api/describe/:model`: creates a model (with inline `fields` when the body has them).
    package func createModel(_ name: String, _ body: JSONObject) async throws -> JSONObject {
        try await call(.post, APIPath.join("/api/describe", name), body: .object(body)).data.objectValue ?? JSONObject()
    }

    /// `POST /api/describe` (monk serve, capability `describe-bulk`): many models at once, all or nothing.
    package func createModels(_ models: [JSONValue], skipExisting: Bool = false) async throws -> JSONObject {
        let query: [(String, String?)] = skipExisting ? [("skip_existing", "true")] : []
        let body: JSONValue = ["models": .array(models)]
        return try await call(.post, "/api/describe", query: query, body: body).data.objectValue ?? JSONObject()
    }

    /// `PUT /api/describe/:model`: changes model properties.
    package func updateModel(_ name: String, _ changes: JSONObject) async throws -> JSONObject {
        try await call(.put, APIPath.join("/api/describe", name), body: .object(changes)).data.objectValue
            ?? JSONObject()
    }

    /// `DELETE /api/describe/:model`: trashes the model, or drops it with its data for good when `permanent`.
    package func deleteModel(_ name: String, permanent: Bool = false) async throws -> JSONObject {
        let query: [(String, String?)] = permanent ? [("permanent", "true")] : []
        return try await call(.delete, APIPath.join("/api/describe", name), query: query).data.objectValue
            ?? JSONObject()
    }

    /// `GET /api/describe/:model/fields`: field objects ordered by `field_name`.
    package func fields(of model: String) async throws -> [JSONValue] {
        try await call(.get, APIPath.join("/api/describe", model, "fields")).data.arrayValue ?? []
    }
}
