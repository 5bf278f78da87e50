import MonkCore

/// A token the server issued (API.md §1.2–1.4, §1.7). Its `description` hides the token.
package struct IssuedToken: Sendable, Equatable, CustomStringConvertible {
    /// The bearer token; secret.
    package var token: String
    /// Seconds until it expires, when the server said.
    package var expiresIn: Int64?
    package var tenant: String?
    package var username: String?
    /// The `user` object of login and refresh answers; empty otherwise.
    package var user: JSONObject

    package var description: String {
        "token for \(username ?? "?")@\(tenant ?? "?")" + (expiresIn.map { ", expires in \($0) s" } ?? "")
    }

    /// Reads `data` of a register, login, refresh or sudo answer (`token` or `sudo_token`).
    init(data: JSONValue, request: HTTPRequest) throws {
        guard let token = data["token"]?.stringValue ?? data["sudo_token"]?.stringValue else {
            throw Envelope.describe(
                request,
                TransportError(code: .badResponse, message: "the answer carries no token")
            )
        }
        self.token = token
        expiresIn = data["expires_in"]?.numberValue?.int64Value
        user = data["user"]?.objectValue ?? JSONObject()
        tenant = data["tenant"]?.stringValue ?? user["tenant"]?.stringValue
        username = data["username"]?.stringValue ?? user["username"]?.stringValue
    }
}

extension MonkAPIClient {
    /// `POST /auth/register`: creates a tenant and its root user, and returns their token.
    ///
    /// - Parameter template: fixture names, comma-separated (`system` is always applied).
    package func register(
        tenant: String,
        username: String,
        password: String,
        email: String? = nil,
        template: String? = nil
    ) async throws -> IssuedToken {
        var body: JSONObject = [
            "tenant": .string(tenant), "username": .string(username), "password": .string(password),
        ]
        body["email"] = email.map(JSONValue.string)
        body["template"] = template.map(JSONValue.string)
        return try await issue(.post, "/auth/register", body: .object(body))
    }

    /// `POST /auth/login`. A wrong tenant, user or password is 401 `AUTH_LOGIN_FAILED`.
    package func login(tenant: String, username: String, password: String) async throws -> IssuedToken {
        let body: JSONValue = ["tenant": .string(tenant), "username": .string(username), "password": .string(password)]
        return try await issue(.post, "/auth/login", body: body)
    }

    /// `POST /auth/refresh` with the current token in the header and in the body (API.md §15: both, for
    /// every server generation).
    package func refresh() async throws -> IssuedToken {
        try await issue(.post, "/auth/refresh", body: ["token": token.map(JSONValue.string) ?? .null])
    }

    /// `GET /api/user/me`: the caller's own user object.
    package func whoami() async throws -> JSONObject {
        try await call(.get, "/api/user/me").data.objectValue ?? JSONObject()
    }

    /// `POST /api/user/sudo`: a 15-minute sudo token (root and full users only; else 403).
    package func sudo(reason: String? = nil) async throws -> IssuedToken {
        var body = JSONObject()
        body["reason"] = reason.map(JSONValue.string)
        return try await issue(.post, "/api/user/sudo", body: .object(body))
    }

    private func issue(_ method: HTTPMethod, _ path: String, body: JSONValue) async throws -> IssuedToken {
        let request = makeRequest(method, path, body: body)
        let response = try await transport.send(request, receiving: .buffered(limit: 1 << 20))
        return try IssuedToken(data: Envelope.decode(response, for: request).data, request: request)
    }
}
