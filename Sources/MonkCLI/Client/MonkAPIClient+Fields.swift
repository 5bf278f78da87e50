import MonkClient
import MonkCore

/// The single-field routes of the Describe API (API.md §5.1) that `monk describe fields` needs.
extension MonkAPIClient {
    /// `GET /api/describe/:model/fields/:field`.
    func field(_ name: String, of model: String) async throws -> JSONValue {
        try await call(.get, APIPath.join("/api/describe", model, "fields", name)).data
    }

    /// `POST /api/describe/:model/fields/:field`: creates a field (`field_name` comes from the URL).
    func createField(_ name: String, of model: String, _ body: JSONObject) async throws -> JSONValue {
        try await call(.post, APIPath.join("/api/describe", model, "fields", name), body: .object(body)).data
    }

    /// `PUT /api/describe/:model/fields/:field`: changes a field; existing data must convert exactly.
    func updateField(_ name: String, of model: String, _ changes: JSONObject) async throws -> JSONValue {
        try await call(.put, APIPath.join("/api/describe", model, "fields", name), body: .object(changes)).data
    }

    /// `DELETE /api/describe/:model/fields/:field`: removes the field and its values.
    func deleteField(_ name: String, of model: String) async throws -> JSONValue {
        try await call(.delete, APIPath.join("/api/describe", model, "fields", name)).data
    }
}
