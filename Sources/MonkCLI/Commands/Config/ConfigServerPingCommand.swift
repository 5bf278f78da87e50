import MonkClient
import MonkCommandLine
import MonkCore

/// `monk config server ping [NAME]`: checks that a server answers, and what it is.
struct ConfigServerPingCommand: MonkCommand {
    static let spec = CommandSpec(
        "ping",
        abstract: "Check that a server answers: health, kind, version and round-trip time.",
        discussion: "Exits 5 when the server cannot be reached within --timeout after --retries retries.",
        arguments: [
            ArgumentSpec(
                "NAME",
                abstract: "A configured server name (default: the current one).",
                cardinality: .optional
            )
        ],
        options: ClientOptions.specs
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let output = OutputOptions(context)
        var options = ClientOptions(context.parsed)
        if let name = context.parsed.argument("NAME") { options.server = name }
        let api = try APIContext(context, options: options, needsSession: false)
        let clock = ContinuousClock()
        let start = clock.now
        let health = try await api.client.health()
        let info = try await api.client.serverInfo()
        let elapsed = clock.now - start
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        let kind = info.kind == .monkServe ? "monk serve" : "monk-api"
        var summary = "\(api.connection): \(health.status); \(kind)"
        if let version = info.version { summary += " \(version)" }
        if let database = health.database ?? info.database { summary += ", \(database)" }
        summary += "; \(milliseconds) ms"
        var json: JSONObject = [
            "url": .string(RedactedURL.describe(api.connection.baseURL)),
            "status": .string(health.status),
            "kind": .string(kind),
            "capabilities": .array(info.capabilities.sorted().map(JSONValue.string)),
            "milliseconds": .number(JSONNumber(Int(milliseconds))),
        ]
        json["server"] = api.connection.serverName.map(JSONValue.string) ?? .null
        json["version"] = info.version.map(JSONValue.string) ?? .null
        json["database"] = (health.database ?? info.database).map(JSONValue.string) ?? .null
        output.result(text: summary, json: .object(json))
        return .success
    }
}
