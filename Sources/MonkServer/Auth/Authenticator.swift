import Hummingbird
import MonkCore
import MonkStore

/// Resolves `Authorization: Bearer <jwt>` into a ``Session`` (API.md §0.1, §1.6).
///
/// The tenant comes only from the token's `tenant_id`, and the user's access is re-read from the tenant's
/// `users` model on every request, so a demotion or removal takes effect at once.
struct Authenticator: Sendable {
    let state: ServerState

    /// The session of `request`.
    ///
    /// - Throws: 401 `AUTH_TOKEN_REQUIRED`, `AUTH_TOKEN_INVALID`, `AUTH_TOKEN_EXPIRED`, `AUTH_INVALID_TENANT`,
    ///   `USER_NOT_FOUND`; 403 `PERMISSION_DENIED` for `deny` users.
    func session(for request: Request) async throws -> Session {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw APIError(401, "AUTH_TOKEN_REQUIRED", "an Authorization: Bearer token is required")
        }
        return try await session(token: String(header.dropFirst("Bearer ".count)))
    }

    /// The session of a raw token (refresh accepts the token in its body too).
    func session(token: String) async throws -> Session {
        let claims = try state.verifiedTokens.claims(of: token, signer: state.signer, now: ServerState.epochSeconds())
        guard let tenantID = claims["tenant_id"]?.stringValue, let userID = claims["user_id"]?.stringValue else {
            throw APIError(401, "AUTH_TOKEN_INVALID", "the token is invalid")
        }
        guard let store = try await state.registry.store(forTenantID: tenantID) else {
            throw APIError(401, "AUTH_INVALID_TENANT", "the token's tenant no longer exists")
        }
        guard let user = try await store.liveUser(id: userID) else {
            throw APIError(401, "USER_NOT_FOUND", "the token's user no longer exists")
        }
        let (access, username) = state.userAccess.fields(of: user, tenantID: tenantID)
        if access == "deny" { throw APIError(403, "PERMISSION_DENIED", "this user is denied access") }
        let isSudo = claims["is_sudo"]?.boolValue == true
        return Session(
            store: store,
            caller: Caller(userID: userID, access: access, isSudo: isSudo),
            claims: claims,
            username: username
        )
    }

    /// A token for `user` of `tenant`, with the claims of API.md §1.6.
    ///
    /// - Parameter sudo: `(reason, lifetime)` for a sudo token.
    func token(for user: StoredRecord, tenant: TenantInfo, sudoReason: String?? = nil) -> (String, Int64) {
        let fields = RecordCodec.fields(of: user)
        let access = fields["access"]?.stringValue ?? "read"
        let now = ServerState.epochSeconds()
        let lifetime = sudoReason == nil ? TokenLifetime.normal : TokenLifetime.sudo
        var claims: JSONObject = [
            "sub": .string(user.id), "user_id": .string(user.id), "username": fields["auth"] ?? .null,
            "tenant": .string(tenant.name), "tenant_id": .string(tenant.id), "access": .string(access),
            "db_type": "sqlite", "iat": .number(JSONNumber(now)), "exp": .number(JSONNumber(now + lifetime)),
            "access_read": .array(user.access.read.map(JSONValue.string)),
            "access_edit": .array(user.access.edit.map(JSONValue.string)),
            "access_full": .array(user.access.full.map(JSONValue.string)),
        ]
        if access == "root" { claims["is_sudo"] = true }
        if let sudoReason {
            claims["is_sudo"] = true
            claims["elevated_from"] = .string(access)
            claims["elevated_at"] = .number(JSONNumber(now))
            claims["elevation_reason"] = sudoReason.map(JSONValue.string) ?? .null
        }
        return (state.signer.sign(claims), lifetime)
    }
}
