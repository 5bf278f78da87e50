import MonkClient
import MonkCore

/// How `config show`, `config server list` and `auth list` present servers and sessions, as aligned text
/// rows and as JSON. Tokens are never part of either.
enum ConfigView {
    /// One server as JSON: `{"name", "url", "current"}` (URL without credentials).
    static func serverJSON(_ name: String, in config: ClientConfig) -> JSONValue {
        [
            "name": .string(name),
            "url": .string(RedactedURL.describe(config.servers[name] ?? "")),
            "current": .bool(config.currentServer == name),
        ]
    }

    /// Every server as JSON, sorted by name.
    static func serversJSON(_ config: ClientConfig) -> JSONValue {
        .array(config.servers.keys.sorted().map { serverJSON($0, in: config) })
    }

    /// Server rows, `*` marking the current one: `* local  http://127.0.0.1:9001`.
    static func serverRows(_ config: ClientConfig) -> [String] {
        table(
            config.servers.keys.sorted().map { name in
                [(config.currentServer == name ? "* " : "  ") + name, RedactedURL.describe(config.servers[name] ?? "")]
            }
        )
    }

    /// One session as JSON: server, tenant, user, expiry (ISO-8601 UTC, or `null`) and whether it has expired.
    static func sessionJSON(_ session: ClientConfig.Session, in config: ClientConfig, now: Int64) -> JSONValue {
        [
            "server": .string(session.server),
            "tenant": .string(session.tenant),
            "user": .string(session.user),
            "expires_at": expiry(session).map(JSONValue.string) ?? .null,
            "expired": .bool(session.isExpired(now: now)),
            "current": .bool(isCurrent(session, in: config)),
        ]
    }

    /// Session rows, `*` marking the current one: `* local  acme  root  expires 2026-12-01T10:00:00.000Z`.
    static func sessionRows(_ sessions: [ClientConfig.Session], in config: ClientConfig, now: Int64) -> [String] {
        table(
            sessions.map { session in
                let state = session.isExpired(now: now) ? "expired" : "expires"
                return [
                    (isCurrent(session, in: config) ? "* " : "  ") + session.server, session.tenant, session.user,
                    expiry(session).map { "\(state) \($0)" } ?? "no expiry known",
                ]
            }
        )
    }

    /// Whether `session` belongs to the current server and tenant.
    static func isCurrent(_ session: ClientConfig.Session, in config: ClientConfig) -> Bool {
        session.server == config.currentServer && session.tenant == config.currentTenant
    }

    /// The session's expiry as an ISO-8601 UTC timestamp.
    static func expiry(_ session: ClientConfig.Session) -> String? {
        session.expiresAt.flatMap { Timestamp(millisecondsSinceEpoch: $0 * 1000)?.text }
    }

    /// Rows of cells joined with two spaces, each column padded to its widest cell (the last one unpadded).
    static func table(_ rows: [[String]]) -> [String] {
        guard let columns = rows.map(\.count).max() else { return [] }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
    }
}
