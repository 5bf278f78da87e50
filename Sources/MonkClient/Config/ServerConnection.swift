/// Which server a command talks to, as who: the result of combining arguments, `config.json` and the
/// environment for one run.
///
/// Its `description` leaves out the token, so it can be printed or logged.
package struct ServerConnection: Sendable, Equatable, CustomStringConvertible {
    /// The configured name, or `nil` when the URL came from `MONK_API_BASE_URL`.
    package var serverName: String?
    /// The base URL, without a trailing `/`.
    package var baseURL: String
    /// The tenant of the session used (or asked for), if known.
    package var tenant: String?
    /// The user of the session used, if any.
    package var user: String?
    /// The bearer token, from `MONK_API_TOKEN` or the session; secret.
    package var token: String?
    /// Whether the session's token had expired when the connection was resolved.
    package var isTokenExpired: Bool

    package init(
        serverName: String?,
        baseURL: String,
        tenant: String? = nil,
        user: String? = nil,
        token: String? = nil,
        isTokenExpired: Bool = false
    ) {
        self.serverName = serverName
        self.baseURL = baseURL
        self.tenant = tenant
        self.user = user
        self.token = token
        self.isTokenExpired = isTokenExpired
    }

    package var description: String {
        let server = serverName.map { "\($0) (\(RedactedURL.describe(baseURL)))" } ?? RedactedURL.describe(baseURL)
        let who = [user, tenant].compactMap { $0 }.joined(separator: "@")
        return who.isEmpty ? server : "\(who) on \(server)"
    }
}

extension ClientConfig {
    /// Resolves the server, tenant and token for one run.
    ///
    /// - An explicit `server` (from an endpoint such as `prod:acme:users`) is looked up by name; the
    ///   environment does not redirect it.
    /// - Without one, `MONK_API_BASE_URL` (when set) replaces the current server's URL for this run, and
    ///   `MONK_API_TOKEN` replaces its token; otherwise the current server is used.
    /// - The tenant is `tenant`, else the current tenant (for the current server), else the tenant of the
    ///   server's only session. The token is that session's.
    ///
    /// - Parameters:
    ///   - now: seconds since 1970, to flag expired tokens.
    /// - Throws: ``ConfigError`` `.unknownServer` for a name not configured, `.noServer` when nothing names one.
    package func connection(
        server: String?,
        tenant: String?,
        environment: [String: String],
        now: Int64
    ) throws(ConfigError) -> ServerConnection {
        let environmentURL = environment["MONK_API_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let environmentToken = environment["MONK_API_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        if server == nil, let environmentURL {
            let url = environmentURL.hasSuffix("/") ? String(environmentURL.dropLast()) : environmentURL
            return ServerConnection(serverName: nil, baseURL: url, tenant: tenant, token: environmentToken)
        }
        guard let name = server ?? currentServer else {
            throw ConfigError(
                code: .noServer,
                message: "no server selected: add one with `monk config server add NAME URL`, "
                    + "name one in the endpoint (server:tenant:model), or set MONK_API_BASE_URL"
            )
        }
        let url = try url(ofServer: name)
        let serverSessions = sessions.filter { $0.server == name }
        let chosenTenant =
            tenant ?? (name == currentServer ? currentTenant : nil)
            ?? (serverSessions.count == 1 ? serverSessions[0].tenant : nil)
        let session = chosenTenant.flatMap { self.session(server: name, tenant: $0) }
        var connection = ServerConnection(
            serverName: name,
            baseURL: url,
            tenant: chosenTenant,
            user: session?.user,
            token: session?.token,
            isTokenExpired: session?.isExpired(now: now) ?? false
        )
        if server == nil, let environmentToken {
            connection.token = environmentToken
            connection.isTokenExpired = false
        }
        return connection
    }
}
