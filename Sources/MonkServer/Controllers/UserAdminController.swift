import Hummingbird
import MonkCore
import MonkStore

/// The sudo side of the User API (API.md §1.8): list, create, read, update and deactivate users.
struct UserAdminController: Sendable {
    let state: ServerState
    var authenticator: Authenticator { Authenticator(state: state) }

    func add(to router: Router<MonkRequestContext>) {
        router.get("/api/user", use: list)
        router.post("/api/user", use: create)
        router.get("/api/user/:id", use: get)
        router.put("/api/user/:id", use: update)
        router.delete("/api/user/:id", use: deactivate)
    }

    @Sendable func list(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await sudoSession(request)
        let limit = min(Int(request.uri.queryParameters.get("limit") ?? "") ?? 100, 1000)
        let offset = Int(request.uri.queryParameters.get("offset") ?? "") ?? 0
        let users = try await session.store.read { tx in
            var query = RecordQuery()
            query.order = [SortKey(field: "created_at", isDescending: true)]
            query.limit = limit
            query.offset = offset
            return try tx.records(in: "users", query: query)
        }
        return Reply.success(.array(users.map(UserAdminController.object)), request: request)
    }

    /// Creates a user; with `password` it can log in at once.
    @Sendable func create(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await sudoSession(request)
        let body = try AuthInput.object(try await state.body.value(of: request))
        let auth = try AuthInput.name(body, key: "auth", missing: "VALIDATION_ERROR", invalid: "AUTH_USERNAME_INVALID")
        let access = body["access"]?.stringValue ?? "read"
        try UserAdminController.checkAccess(access, grantedBy: session.caller)
        let email = try AuthInput.email(body)
        let password = body["password"]?.isNull == false ? try AuthInput.password(body) : nil
        let name = body["name"]?.stringValue ?? auth
        guard (1...100).contains(name.count) else {
            throw APIError(400, "VALIDATION_ERROR", "name must be 1–100 characters")
        }
        let now = Timestamps.now()
        let user = try await session.store.write { tx in
            if try tx.user(named: auth) != nil {
                throw APIError(409, "AUTH_CONFLICT", "a user named \(auth) exists", details: ["auth": .string(auth)])
            }
            let fields: JSONObject = [
                "name": .string(name), "auth": .string(auth), "access": .string(access),
                "email": email.map(JSONValue.string) ?? .null,
            ]
            return try tx.createRecord(fields, in: try tx.requireModel("users"), caller: .system, now: now)
        }
        if let password {
            let hash = try await state.hasher.hash(password)
            try await state.registry.system.setPasswordHash(hash, tenantID: session.store.tenant.id, userID: user.id)
        }
        return Reply.success(UserAdminController.object(user), request: request)
    }

    @Sendable func get(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let id = try userID(context, session)
        guard id == session.caller.userID || session.caller.isSudo else {
            throw APIError(403, "SUDO_REQUIRED", "reading other users needs sudo")
        }
        return Reply.success(UserAdminController.object(try await user(id, in: session)), request: request)
    }

    /// Partial update: self may change `name`, `email`, `password`; sudo also `access` and `auth`.
    @Sendable func update(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let id = try userID(context, session)
        let isSelf = id == session.caller.userID
        guard isSelf || session.caller.isSudo else {
            throw APIError(403, "SUDO_REQUIRED", "changing other users needs sudo")
        }
        let body = try AuthInput.object(try await state.body.value(of: request))
        var changes = JSONObject()
        if let name = body["name"]?.stringValue { changes["name"] = .string(name) }
        if body.member("email") != nil { changes["email"] = (try AuthInput.email(body)).map(JSONValue.string) ?? .null }
        if body.member("auth") != nil {
            changes["auth"] = .string(
                try AuthInput.name(body, key: "auth", missing: "VALIDATION_ERROR", invalid: "AUTH_USERNAME_INVALID")
            )
        }
        if let access = body["access"]?.stringValue {
            if isSelf { throw APIError(400, "VALIDATION_ERROR", "users cannot change their own access") }
            try UserAdminController.checkAccess(access, grantedBy: session.caller)
            changes["access"] = .string(access)
        }
        let password = body["password"]?.isNull == false ? try AuthInput.password(body) : nil
        let now = Timestamps.now()
        let finalChanges = changes
        let updated = try await session.store.write { tx in
            try tx.updateRecord(
                id: id,
                changes: finalChanges,
                in: try tx.requireModel("users"),
                caller: .system,
                now: now
            )
        }
        if let password {
            let hash = try await state.hasher.hash(password)
            try await state.registry.system.setPasswordHash(hash, tenantID: session.store.tenant.id, userID: id)
        }
        return Reply.success(UserAdminController.object(updated), request: request)
    }

    /// Trashes the user; their tokens stop working at once (401 `USER_NOT_FOUND`).
    @Sendable func deactivate(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let id = try userID(context, session)
        guard id == session.caller.userID || session.caller.isSudo else {
            throw APIError(403, "SUDO_REQUIRED", "deactivating other users needs sudo")
        }
        let now = Timestamps.now()
        let user = try await session.store.write { tx in
            try tx.trashRecord(id: id, in: try tx.requireModel("users"), caller: .system, now: now)
        }
        return Reply.success(["id": .string(user.id), "deactivated_at": .string(now), "reason": nil], request: request)
    }

    private func user(_ id: String, in session: Session) async throws -> StoredRecord {
        guard let user = try await session.store.read({ tx in try tx.user(id: id) }) else {
            throw APIError(404, "USER_NOT_FOUND", "user \(id) not found")
        }
        return user
    }

    private func userID(_ context: MonkRequestContext, _ session: Session) throws -> String {
        let id = try context.parameters.require("id")
        return id == "me" ? session.caller.userID : id
    }

    private func sudoSession(_ request: Request) async throws -> Session {
        let session = try await authenticator.session(for: request)
        guard session.caller.isSudo else { throw APIError(403, "SUDO_REQUIRED", "user management needs sudo") }
        return session
    }

    /// Only a root caller may grant `root`; the value must be a known access level.
    static func checkAccess(_ access: String, grantedBy caller: Caller) throws {
        guard ["root", "full", "edit", "read", "deny"].contains(access) else {
            throw APIError(400, "VALIDATION_ERROR", "access must be root, full, edit, read or deny")
        }
        if access == "root", caller.access != "root" {
            throw APIError(403, "PERMISSION_DENIED", "only root users may create root users")
        }
    }

    /// The user object of API.md §1.8 (never password material).
    static func object(_ user: StoredRecord) -> JSONValue {
        var object = RecordCodec.fields(of: user)
        object["created_at"] = .string(user.createdAt)
        object["updated_at"] = .string(user.updatedAt)
        return .object(object)
    }
}
