import Hummingbird
import MonkCore
import MonkStore

/// `POST /auth/register`, `/auth/login`, `/auth/refresh` and `GET /auth/tenants` (API.md §1.2–§1.5).
struct AuthController: Sendable {
    let state: ServerState
    var authenticator: Authenticator { Authenticator(state: state) }

    func add(to router: Router<MonkRequestContext>) {
        router.post("/auth/register", use: register)
        router.post("/auth/login", use: login)
        router.post("/auth/refresh", use: refresh)
        router.get("/auth/tenants", use: tenants)
    }

    /// §1.2: a new tenant with its fixtures and a root owner, in one transaction.
    @Sendable func register(request: Request, context: MonkRequestContext) async throws -> Response {
        guard state.configuration.allowsRegistration else {
            throw APIError(403, "AUTH_REGISTRATION_DISABLED", "registration is disabled on this server")
        }
        let body = try await AuthInput.object(state.body.value(of: request))
        let tenant = try AuthInput.name(
            body,
            key: "tenant",
            missing: "AUTH_TENANT_MISSING",
            invalid: "AUTH_TENANT_INVALID"
        )
        if tenant.contains("__") { throw APIError(400, "AUTH_TENANT_INVALID", "tenant names may not contain '__'") }
        let username = try AuthInput.name(
            body,
            key: "username",
            missing: "AUTH_USERNAME_MISSING",
            invalid: "AUTH_USERNAME_INVALID"
        )
        let password = try AuthInput.password(body)
        let email = try AuthInput.email(body)
        let templates = (body["template"]?.stringValue ?? "").split(separator: ",").map { String($0).trimmed }
        let fixtures = try state.fixtures.resolve(templates.filter { !$0.isEmpty })
        let hash = try await state.hasher.hash(password)
        let registered = try await provision(
            tenant: tenant,
            username: username,
            email: email,
            passwordHash: hash,
            fixtures: fixtures
        )
        let (token, lifetime) = authenticator.token(for: registered.user, tenant: registered.tenant)
        return Reply.success(
            [
                "tenant": .string(tenant), "tenant_id": .string(registered.tenant.id), "username": .string(username),
                "token": .string(token), "expires_in": .number(JSONNumber(lifetime)),
            ],
            request: request
        )
    }

    /// Creates a tenant from fixtures with a root owner; shared by registration and `--demo`.
    func provision(
        tenant: String,
        username: String,
        email: String?,
        passwordHash: String,
        fixtures: [FixtureCatalog.Fixture]
    ) async throws -> (tenant: TenantInfo, user: StoredRecord) {
        let ownerID = username == "root" ? "00000000-0000-0000-0000-000000000000" : UUIDs.random()
        let now = Timestamps.now()
        let info = try await state.registry.register(name: tenant, ownerID: ownerID, passwordHash: passwordHash) { tx in
            try FixtureApplier.apply(fixtures, in: tx, now: now)
            guard let users = try tx.model(named: "users") else {
                throw StoreError(code: "INTERNAL_ERROR", message: "the system fixture did not create users")
            }
            let owner: JSONObject = [
                "id": .string(ownerID), "name": .string(username), "auth": .string(username),
                "email": email.map(JSONValue.string) ?? .null, "access": "root",
            ]
            _ = try tx.createRecord(owner, in: users, caller: .system, now: now)
        }
        guard let store = try await state.registry.store(forTenantID: info.id),
            let user = try await store.read({ tx in try tx.user(id: ownerID) })
        else { throw APIError.internalError }
        return (info, user)
    }

    /// §1.3: a token for a tenant, username and password. Every bad combination is the same 401.
    @Sendable func login(request: Request, context: MonkRequestContext) async throws -> Response {
        let body = try await AuthInput.object(state.body.value(of: request))
        let tenant = try AuthInput.name(
            body,
            key: "tenant",
            missing: "AUTH_TENANT_MISSING",
            invalid: "AUTH_TENANT_INVALID"
        )
        let username = try AuthInput.name(
            body,
            key: "username",
            missing: "AUTH_USERNAME_MISSING",
            invalid: "AUTH_USERNAME_INVALID"
        )
        guard let password = body["password"]?.stringValue, !password.isEmpty else {
            throw APIError(400, "AUTH_PASSWORD_MISSING", "password is required")
        }
        let failed = APIError(401, "AUTH_LOGIN_FAILED", "login failed: check tenant, username and password")
        let limiterKey = tenant + "\u{0}" + username
        guard let store = try await state.registry.store(forTenantNamed: tenant),
            let user = try await store.read({ tx in try tx.user(named: username) }),
            RecordCodec.fields(of: user)["access"]?.stringValue != "deny",
            let hash = try await state.registry.system.passwordHash(tenantID: store.tenant.id, userID: user.id),
            try await state.hasher.verify(password, hash: hash)
        else {
            if let retryAfter = state.loginFailures.admit(key: limiterKey, now: .now) {
                throw APIError(429, "RATE_LIMITED", "too many failed logins; retry later", retryAfter: retryAfter)
            }
            throw failed
        }
        return try loginReply(user: user, tenant: store.tenant, request: request)
    }

    /// §1.4: a fresh token with claims re-read from the database; sudo is never extended.
    @Sendable func refresh(request: Request, context: MonkRequestContext) async throws -> Response {
        var token = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        if token == nil, case .object(let body) = try await state.body.value(of: request) {
            token = body["token"]?.stringValue
        }
        guard let token else { throw APIError(401, "AUTH_TOKEN_REQUIRED", "a token is required") }
        let session = try await authenticator.session(token: token)
        guard let user = try await session.store.read({ tx in try tx.user(id: session.caller.userID) }) else {
            throw APIError(401, "USER_NOT_FOUND", "the token's user no longer exists")
        }
        return try loginReply(user: user, tenant: session.store.tenant, request: request)
    }

    /// §1.5: the tenants and their first 10 usernames, only when the server runs in personal mode; otherwise
    /// 403 `AUTH_TENANT_LIST_NOT_AVAILABLE`.
    @Sendable func tenants(request: Request, context: MonkRequestContext) async throws -> Response {
        guard state.configuration.isPersonal else {
            throw APIError(403, "AUTH_TENANT_LIST_NOT_AVAILABLE", "this server does not list tenants")
        }
        var listed: [JSONValue] = []
        for tenant in try await state.registry.system.allTenants() {
            let usernames = try await state.registry.store(forTenantID: tenant.id)?.read { tx in
                try tx.usernames(limit: 10)
            }
            listed.append([
                "name": .string(tenant.name), "description": .null,
                "users": .array((usernames ?? []).map(JSONValue.string)),
            ])
        }
        return Reply.success(.array(listed), request: request)
    }

    private func loginReply(user: StoredRecord, tenant: TenantInfo, request: Request) throws -> Response {
        let (token, lifetime) = authenticator.token(for: user, tenant: tenant)
        let fields = RecordCodec.fields(of: user)
        let userObject: JSONObject = [
            "id": .string(user.id), "username": fields["auth"] ?? .null, "tenant": .string(tenant.name),
            "tenant_id": .string(tenant.id), "access": fields["access"] ?? .null,
        ]
        return Reply.success(
            ["token": .string(token), "expires_in": .number(JSONNumber(lifetime)), "user": .object(userObject)],
            request: request
        )
    }
}
