import MonkClient
import MonkCore

/// Saves a token the server issued as the session of one server and tenant, and reports it without the token.
enum AuthSessionSaver {
    /// Stores `issued` as the session of (`api`'s server, `tenant`) and makes it current.
    ///
    /// When the server came from `MONK_API_BASE_URL` there is no configured name to save it under: a warning
    /// says so and nothing is written.
    ///
    /// - Returns: the session as JSON (server, tenant, user, expiry; no token), for `--json`.
    /// - Throws: ``ConfigError`` when `config.json` cannot be written.
    @discardableResult
    static func save(
        _ issued: IssuedToken,
        api: APIContext,
        tenant: String,
        user: String,
        output: OutputOptions,
        verb: String
    ) throws -> JSONValue {
        let now = APIContext.now()
        let session = ClientConfig.Session(
            server: api.connection.serverName ?? "",
            tenant: issued.tenant ?? tenant,
            user: issued.username ?? user,
            token: issued.token,
            expiresAt: issued.expiresIn.map { now + $0 }
        )
        let expiry = ConfigView.expiry(session).map { "; expires \($0)" } ?? ""
        guard let server = api.connection.serverName else {
            output.warning(
                "\(verb) \(session.user)@\(session.tenant), but the session was not saved: MONK_API_BASE_URL "
                    + "names no configured server (add one with `monk config server add NAME URL`)"
            )
            return sessionJSON(session, server: nil)
        }
        let config = try api.store.update { config in
            config.saveSession(session)
            return config
        }
        output.success("\(verb) \(session.user)@\(session.tenant) on \(server)\(expiry)")
        return ConfigView.sessionJSON(session, in: config, now: now)
    }

    private static func sessionJSON(_ session: ClientConfig.Session, server: String?) -> JSONValue {
        [
            "server": server.map(JSONValue.string) ?? .null,
            "tenant": .string(session.tenant),
            "user": .string(session.user),
            "expires_at": ConfigView.expiry(session).map(JSONValue.string) ?? .null,
        ]
    }
}
