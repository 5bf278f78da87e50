import MonkCore

/// `config.json` ↔ ``ClientConfig``:
///
/// ```json
/// { "version": 1,
///   "current": { "server": "local", "tenant": "acme" },
///   "servers": { "local": { "url": "http://127.0.0.1:9001" } },
///   "sessions": [ { "server": "local", "tenant": "acme", "user": "root", "token": "…", "expires_at": 1764000000 } ] }
/// ```
extension ClientConfig {
    /// The format version written to `config.json`.
    package static let formatVersion = 1

    /// The configuration as the JSON document `config.json` holds.
    package var json: JSONValue {
        var root = JSONObject()
        root["version"] = .number(JSONNumber(Self.formatVersion))
        var current = JSONObject()
        current["server"] = currentServer.map(JSONValue.string) ?? .null
        current["tenant"] = currentTenant.map(JSONValue.string) ?? .null
        root["current"] = .object(current)
        var serverObject = JSONObject()
        for (name, url) in servers { serverObject[name] = ["url": .string(url)] }
        root["servers"] = .object(serverObject)
        root["sessions"] = .array(
            sessions.map { session in
                var object: JSONObject = [
                    "server": .string(session.server), "tenant": .string(session.tenant),
                    "user": .string(session.user), "token": .string(session.token),
                ]
                object["expires_at"] = session.expiresAt.map { .number(JSONNumber($0)) } ?? .null
                return .object(object)
            }
        )
        return .object(root)
    }

    /// Reads a configuration from the JSON document of `config.json`; absent keys take their defaults.
    ///
    /// - Throws: ``ConfigError`` (`.malformed`) naming the key whose value has the wrong shape.
    package init(json: JSONValue, source: String) throws(ConfigError) {
        self.init()
        guard case .object(let root) = json else { throw Self.malformed(source, "the document is not an object") }
        if let current = root["current"], !current.isNull {
            guard case .object(let object) = current else { throw Self.malformed(source, "`current` is not an object") }
            currentServer = try Self.optionalString(object["server"], "current.server", source)
            currentTenant = try Self.optionalString(object["tenant"], "current.tenant", source)
        }
        if let value = root["servers"], !value.isNull {
            guard case .object(let object) = value else { throw Self.malformed(source, "`servers` is not an object") }
            for (name, entry) in object {
                guard let url = entry["url"]?.stringValue else {
                    throw Self.malformed(source, "`servers.\(name).url` is missing or not a string")
                }
                servers[name] = url
            }
        }
        if let value = root["sessions"], !value.isNull {
            guard case .array(let items) = value else { throw Self.malformed(source, "`sessions` is not an array") }
            sessions = try items.enumerated().map { (index, item) throws(ConfigError) in
                try Self.session(item, path: "sessions[\(index)]", source: source)
            }
        }
    }

    private static func session(_ item: JSONValue, path: String, source: String) throws(ConfigError) -> Session {
        guard let server = item["server"]?.stringValue, let tenant = item["tenant"]?.stringValue,
            let user = item["user"]?.stringValue, let token = item["token"]?.stringValue
        else {
            throw malformed(source, "`\(path)` needs the strings `server`, `tenant`, `user` and `token`")
        }
        var expiresAt: Int64?
        if let value = item["expires_at"], !value.isNull {
            guard let seconds = value.numberValue?.int64Value else {
                throw malformed(source, "`\(path).expires_at` is not a whole number of seconds")
            }
            expiresAt = seconds
        }
        return Session(server: server, tenant: tenant, user: user, token: token, expiresAt: expiresAt)
    }

    private static func optionalString(_ value: JSONValue?, _ path: String, _ source: String) throws(ConfigError)
        -> String?
    {
        guard let value, !value.isNull else { return nil }
        guard let text = value.stringValue else { throw malformed(source, "`\(path)` is not a string") }
        return text
    }

    private static func malformed(_ source: String, _ detail: String) -> ConfigError {
        ConfigError(code: .malformed, message: "\(source): \(detail); fix or remove the file")
    }
}
