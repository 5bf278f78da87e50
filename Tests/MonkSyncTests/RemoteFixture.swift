import Foundation
import MonkClient
import MonkCore
import MonkSync
import MonkTestSupport

/// A tenant on an in-process `monk serve`, registered and saved as a session in a temporary configuration
/// directory, with an `item` model (`name` text, `score` integer, `note` text) to sync.
struct RemoteTenant: Sendable {
    /// The configured server name (`left`, `right`).
    let serverName: String
    let tenant: String
    /// A client with a sudo token, for setting up and reading back.
    let client: MonkAPIClient

    /// The endpoint argument for `model` (`left:acme:item`).
    func endpoint(_ model: String = "item") -> String { "\(serverName):\(tenant):\(model)" }

    /// Registers `tenant` on `server`, saves the server and session under `configDirectory`, and creates the
    /// `item` model (and `models` extra ones with the same fields).
    static func make(
        on server: TestServer,
        named serverName: String,
        tenant: String,
        configDirectory: URL,
        models: [String] = ["item"]
    ) async throws -> RemoteTenant {
        let transport = RetryingTransport(wrapping: try CurlTransport())
        let anonymous = MonkAPIClient(baseURL: server.baseURL, token: nil, transport: transport)
        let issued = try await anonymous.register(tenant: tenant, username: "root", password: "s3cret-pass")
        let store = ConfigStore(directory: configDirectory.path)
        try store.update { config in
            if (try? config.url(ofServer: serverName)) == nil { try config.addServer(serverName, url: server.baseURL) }
            config.saveSession(
                ClientConfig.Session(
                    server: serverName,
                    tenant: tenant,
                    user: "root",
                    token: issued.token,
                    expiresAt: nil
                )
            )
        }
        let sudo = try await anonymous.authenticated(with: issued.token).sudo()
        let client = anonymous.authenticated(with: sudo.token)
        let fields: JSONValue = [
            ["field_name": "name", "type": "text"], ["field_name": "score", "type": "integer"],
            ["field_name": "note", "type": "text"],
        ]
        for model in models { _ = try await client.createModel(model, ["fields": fields]) }
        return RemoteTenant(serverName: serverName, tenant: tenant, client: client)
    }

    /// Runs `body` with tenant `acme` on two in-process servers, saved under `configDirectory` as `left` and
    /// `right`: the pairing of every server-to-server test.
    static func withServerPair(
        configDirectory: URL,
        _ body: @Sendable (_ left: RemoteTenant, _ right: RemoteTenant) async throws -> Void
    ) async throws {
        try await TestServer.run { first in
            try await TestServer.run { second in
                let left = try await make(on: first, named: "left", tenant: "acme", configDirectory: configDirectory)
                let right = try await make(
                    on: second,
                    named: "right",
                    tenant: "acme",
                    configDirectory: configDirectory
                )
                try await body(left, right)
            }
        }
    }

    /// Creates `records` in `model`.
    func insert(_ records: [JSONObject], into model: String = "item") async throws {
        guard !records.isEmpty else { return }
        _ = try await client.createRecords(model, records.map(JSONValue.object))
    }

    /// Every live record of `model` as canonical text, sorted by id, system fields left out.
    func snapshot(_ model: String = "item") async throws -> [String] {
        try await client.listRecords(model, query: DataQuery(order: "id")).map { value in
            JSONValue.object(FieldSelection.default.apply(to: value.objectValue ?? [:])).canonicalString
        }
    }
}

/// Record sets with UUID ids and the `item` fields, for remote pairings.
struct RemoteRecordBuilder {
    var generator: SeededGenerator

    init(seed: Int) { generator = SeededGenerator(seed: seed) }

    /// `(source, destination)`: inserts, deletes, changed and cleared fields, and equal records.
    mutating func pair(count: Int) -> (source: [JSONObject], destination: [JSONObject]) {
        var source: [JSONObject] = []
        var destination: [JSONObject] = []
        for _ in 0..<count {
            let record = makeRecord(id: uuid())
            switch Int.random(in: 0..<8, using: &generator) {
            case 0: source.append(record)
            case 1: destination.append(record)
            case 2:
                source.append(record)
                var changed = record
                changed["score"] = .number(JSONNumber(Int.random(in: 0...9, using: &generator) + 2000))
                changed["note"] = Bool.random(using: &generator) ? "added" : .null
                destination.append(changed)
            default:
                source.append(record)
                destination.append(record)
            }
        }
        return (source, destination)
    }

    mutating func makeRecord(id: String) -> JSONObject {
        var record: JSONObject = ["id": .string(id)]
        record["name"] = .string(
            ["Ada", "Grace", "Émile", "Zoë \"Z\"", "tab\there"].randomElement(using: &generator) ?? ""
        )
        record["score"] = .number(JSONNumber(Int.random(in: -1000...1000, using: &generator)))
        // monk serve returns every field of the model, `null` when unset, so local files hold nulls too.
        record["note"] =
            Bool.random(using: &generator) ? .string("n\(Int.random(in: 0...99, using: &generator))") : .null
        return record
    }

    /// A random version 4 UUID in lowercase.
    mutating func uuid() -> String {
        let hex = Array("0123456789abcdef")
        var digits = (0..<32).map { _ in hex[Int.random(in: 0..<16, using: &generator)] }
        digits[12] = "4"
        digits[16] = hex[8 + Int.random(in: 0..<4, using: &generator)]
        let text = String(digits)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(
                text[
                    text.index(
                        text.startIndex,
                        offsetBy: range.lowerBound
                    )..<text.index(text.startIndex, offsetBy: range.upperBound)
                ]
            )
        }
        return parts.joined(separator: "-")
    }
}

/// A configuration directory environment for in-process runs.
func syncEnvironment(_ configDirectory: URL) -> [String: String] {
    ["MONK_CLI_CONFIG_DIR": configDirectory.path, "HOME": configDirectory.path]
}
