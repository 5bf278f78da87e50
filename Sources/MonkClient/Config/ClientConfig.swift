import MonkCore

/// The contents of `config.json` (DESIGN.md §12): named servers, sessions and the current server and tenant.
///
/// A value type: ``ConfigStore`` loads and saves it; the methods here only change the value, so commands
/// compose them and save once.
package struct ClientConfig: Sendable, Equatable {
    /// A logged-in user on one tenant of one server.
    package struct Session: Sendable, Equatable {
        package var server: String
        package var tenant: String
        package var user: String
        /// The bearer token; secret, shown nowhere.
        package var token: String
        /// When the token expires, in seconds since 1970; `nil` when unknown.
        package var expiresAt: Int64?

        package init(server: String, tenant: String, user: String, token: String, expiresAt: Int64?) {
            self.server = server
            self.tenant = tenant
            self.user = user
            self.token = token
            self.expiresAt = expiresAt
        }

        /// Whether the token has expired at `now` (seconds since 1970); unknown expiry counts as valid.
        package func isExpired(now: Int64) -> Bool { expiresAt.map { $0 <= now } ?? false }
    }

    /// Server name → base URL.
    package var servers: [String: String] = [:]
    /// Sessions, at most one per (server, tenant).
    package var sessions: [Session] = []
    package var currentServer: String?
    package var currentTenant: String?

    package init() {}

    // MARK: Servers

    /// Adds or replaces the server `name`; the first server added becomes the current one.
    ///
    /// - Throws: ``ConfigError`` (`.invalidValue`) for a bad name or a URL that is not `http(s)://host…`.
    package mutating func addServer(_ name: String, url: String) throws(ConfigError) {
        guard EndpointNames.isServerName(name) else {
            throw ConfigError(
                code: .invalidValue,
                message: "`\(name)` is not a server name: use letters, digits, '-', '_' and '.'"
            )
        }
        let lowered = url.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://"), url.split(separator: "/").count >= 2
        else {
            throw ConfigError(
                code: .invalidValue,
                message: "`\(RedactedURL.describe(url))` is not a server URL: expected http://host[:port] or https://…"
            )
        }
        servers[name] = url.hasSuffix("/") ? String(url.dropLast()) : url
        if currentServer == nil { currentServer = name }
    }

    /// Removes the server `name`, its sessions, and makes no server current if it was.
    package mutating func removeServer(_ name: String) throws(ConfigError) {
        _ = try url(ofServer: name)
        servers[name] = nil
        sessions.removeAll { $0.server == name }
        if currentServer == name {
            currentServer = nil
            currentTenant = nil
        }
    }

    /// Makes `name` the current server (and `tenant`, when given, the current tenant).
    package mutating func useServer(_ name: String, tenant: String? = nil) throws(ConfigError) {
        _ = try url(ofServer: name)
        if currentServer != name { currentTenant = nil }
        currentServer = name
        if let tenant { currentTenant = tenant }
    }

    /// The base URL of server `name`.
    ///
    /// - Throws: ``ConfigError`` (`.unknownServer`): "no server named `prod`; known: local, staging".
    package func url(ofServer name: String) throws(ConfigError) -> String {
        guard let url = servers[name] else {
            let known = servers.keys.sorted()
            let hint =
                known.isEmpty
                ? "none configured; add one with `monk config server add NAME URL`"
                : "known: " + known.joined(separator: ", ")
            throw ConfigError(code: .unknownServer, message: "no server named `\(name)`; \(hint)")
        }
        return url
    }

    // MARK: Sessions

    /// The session for (`server`, `tenant`), if any.
    package func session(server: String, tenant: String) -> Session? {
        sessions.first { $0.server == server && $0.tenant == tenant }
    }

    /// Stores `session`, replacing the one of the same server and tenant, and makes them current.
    package mutating func saveSession(_ session: Session) {
        sessions.removeAll { $0.server == session.server && $0.tenant == session.tenant }
        sessions.append(session)
        sessions.sort { ($0.server, $0.tenant) < ($1.server, $1.tenant) }
        currentServer = session.server
        currentTenant = session.tenant
    }

    /// Removes the session for (`server`, `tenant`); returns whether there was one.
    @discardableResult
    package mutating func removeSession(server: String, tenant: String) -> Bool {
        let before = sessions.count
        sessions.removeAll { $0.server == server && $0.tenant == tenant }
        return sessions.count != before
    }
}
