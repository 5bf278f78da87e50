import Hummingbird
import MonkCore
import MonkStore

/// `GET /api/user/me`, `/api/user/whoami` and `POST /api/user/sudo` (API.md §1.7–§1.8).
struct UserController: Sendable {
    let state: ServerState
    var authenticator: Authenticator { Authenticator(state: state) }

    func add(to router: Router<MonkRequestContext>) {
        router.get("/api/user/me", use: me)
        router.get("/api/user/whoami", use: whoami)
        router.post("/api/user/sudo", use: sudo)
    }

    /// The caller's own user object (never password material).
    @Sendable func me(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        guard let user = try await session.store.read({ tx in try tx.user(id: session.caller.userID) }) else {
            throw APIError(404, "USER_NOT_FOUND", "user not found")
        }
        var object = RecordCodec.fields(of: user)
        object["created_at"] = .string(user.createdAt)
        object["updated_at"] = .string(user.updatedAt)
        return Reply.success(.object(object), request: request)
    }

    /// 301 to `/api/user/me`.
    @Sendable func whoami(request: Request, context: MonkRequestContext) async throws -> Response {
        _ = try await authenticator.session(for: request)
        return Response(status: .movedPermanently, headers: [.location: "/api/user/me"])
    }

    /// §1.7: a 15-minute sudo token for root and full users.
    @Sendable func sudo(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        guard session.caller.has("full") else {
            throw APIError(403, "AUTH_SUDO_ACCESS_DENIED", "only root and full users may use sudo")
        }
        let body = try await state.body.value(of: request)
        let reason = body["reason"]?.stringValue
        guard let user = try await session.store.read({ tx in try tx.user(id: session.caller.userID) }) else {
            throw APIError(401, "USER_NOT_FOUND", "the token's user no longer exists")
        }
        let (token, lifetime) = authenticator.token(for: user, tenant: session.store.tenant, sudoReason: .some(reason))
        return Reply.success(
            [
                "sudo_token": .string(token), "expires_in": .number(JSONNumber(lifetime)), "token_type": "Bearer",
                "access_level": .string(session.caller.access), "is_sudo": true,
                "warning": "Sudo token expires in 15 minutes", "reason": reason.map(JSONValue.string) ?? .null,
            ],
            request: request
        )
    }
}
