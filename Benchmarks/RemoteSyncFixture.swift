import Foundation
import MonkCore

/// Two `monk serve` processes for the remote sync scenarios: `left` with tenant `acme`, `right` with tenants
/// `same` (a copy) and `changed` (1 % of records with another balance), each holding an `item` model.
///
/// Data directories and the client configuration live in `<tmp>/monk-bench-sync-remote-<format>-<count>` and are
/// built once (through the `monk` CLI beside this executable); later children only start the servers.
/// ``storageFormat`` names the tenant-file layout the cache was built with, so a storage change never measures
/// stale files.
final class RemoteSyncFixture {
    let directory: String
    private var servers: [(name: String, process: Process)] = []

    /// The `monk` binary built beside `monk-bench`.
    static var monkPath: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("monk").path
    }

    /// The benchmark model's `describe.yaml`: the fields of the ~330-byte account-like records both remote
    /// fixtures load.
    static let modelYAML = """
        fields:
          - {field_name: name, type: text}
          - {field_name: email, type: text}
          - {field_name: balance, type: decimal}
          - {field_name: city, type: text}
          - {field_name: note, type: text}
        """

    /// Bump when monk serve's tables change shape: `withoutrowid` since model tables are clustered on id.
    static let storageFormat = "withoutrowid"

    private init(directory: String) {
        self.directory = directory
    }

    /// Prepares the data when missing, starts both servers and stops them when the process exits.
    static func started(count: Int) throws -> RemoteSyncFixture {
        let directory = NSTemporaryDirectory() + "/monk-bench-sync-remote-\(storageFormat)-\(count)"
        let fixture = RemoteSyncFixture(directory: directory)
        let isReady = FileManager.default.fileExists(atPath: directory + "/ready")
        if !isReady {
            try? FileManager.default.removeItem(atPath: directory)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        try fixture.startServers()
        running = fixture
        atexit { RemoteSyncFixture.running?.stop() }
        if !isReady {
            try fixture.populate(count: count)
            _ = FileManager.default.createFile(atPath: directory + "/ready", contents: Data())
        }
        return fixture
    }

    /// The fixture whose servers `atexit` stops.
    nonisolated(unsafe) static var running: RemoteSyncFixture?

    /// Starts `monk serve` for `left` and `right` on free ports and points the configuration at them.
    private func startServers() throws {
        for name in ["left", "right"] {
            let port = try Self.freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.monkPath)
            process.arguments = [
                "serve", "--host", "127.0.0.1", "--port", String(port), "--data-dir", directory + "/" + name,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            servers.append((name, process))
            let url = "http://127.0.0.1:\(port)"
            try waitForHealth(url)
            try setServerURL(name, url)
        }
    }

    /// Points the configured server `name` at `url`, keeping its sessions (`config server remove` would drop
    /// them): `config.json` is edited in place once it exists.
    private func setServerURL(_ name: String, _ url: String) throws {
        let path = directory + "/config/config.json"
        guard let data = FileManager.default.contents(atPath: path),
            case .object(var config) = try JSONParser.parse(Array(data)),
            case .object(var servers)? = config["servers"]
        else {
            try check(monk(["config", "server", "add", name, url]))
            return
        }
        guard servers[name] != nil else {
            try check(monk(["config", "server", "add", name, url]))
            return
        }
        servers[name] = ["url": .string(url)]
        config["servers"] = .object(servers)
        try Data(JSONValue.object(config).canonicalBytes).write(to: URL(fileURLWithPath: path))
    }

    /// Registers the tenants, creates the model and imports the records (1 % changed for `changed`).
    private func populate(count: Int) throws {
        let model = directory + "/item.yaml"
        try Self.modelYAML.write(toFile: model, atomically: true, encoding: .utf8)
        var random = SplitMix(seed: 6)
        var same = ""
        var changed = ""
        for index in 0..<count {
            let id = Self.uuid(&random)
            let balance = Int(random.next() % 10_000_000)
            func line(_ balance: Int) -> String {
                #"{"balance":\#(balance / 100).\#(balance % 100 / 10)\#(balance % 10),"city":"Berlin","#
                    + #""email":"user\#(index)@example.com","id":"\#(id)","name":"Account holder \#(index)","#
                    + #""note":"\#(String(repeating: "n", count: 150))"}"# + "\n"
            }
            same += line(balance)
            changed += line(index % 100 == 42 ? balance + 1 : balance)
        }
        try same.write(toFile: directory + "/same.jsonl", atomically: true, encoding: .utf8)
        try changed.write(toFile: directory + "/changed.jsonl", atomically: true, encoding: .utf8)
        for (server, tenant, file) in [
            ("left", "acme", "same"), ("right", "same", "same"), ("right", "changed", "changed"),
        ] {
            try check(
                monk(["auth", "register", tenant, "root", "--password", "bench-pass-1", "--server", server])
            )
            try check(monk(["describe", "create", "item", model, "--server", server, "--tenant", tenant]))
            try check(
                monk([
                    "data", "import", "item", directory + "/\(file).jsonl", "--batch-size", "5000", "--server", server,
                    "--tenant", tenant, "--timeout", "600",
                ])
            )
        }
    }

    /// Runs the `monk` CLI with this fixture's configuration directory.
    func monk(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try Self.run(Self.monkPath, arguments, environment: ["MONK_CLI_CONFIG_DIR": directory + "/config"])
    }

    /// The baseline: both JSONL streams fetched with curl, compared with cmp; the checksum is cmp's status.
    func curlAndCompare(rightTenant: String) throws -> String {
        let config = try JSONParser.parse(
            Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/config/config.json")))
        )
        var files: [String] = []
        for (server, tenant) in [("left", "acme"), ("right", rightTenant)] {
            let session = config["sessions"]?.arrayValue?.first {
                $0["server"]?.stringValue == server && $0["tenant"]?.stringValue == tenant
            }
            let url = config["servers"]?[server]?.stringValue ?? config["servers"]?[server]?["url"]?.stringValue ?? ""
            let file = directory + "/\(server)-\(tenant).out.jsonl"
            let result = try Self.run(
                "/usr/bin/curl",
                [
                    "-sf", "-o", file, "-H", "Accept: application/x-ndjson", "-H",
                    "Authorization: Bearer \(session?["token"]?.stringValue ?? "")", url + "/api/data/item?order=id",
                ],
                environment: [:]
            )
            try check(result)
            files.append(file)
        }
        return "cmp\(try Self.run("/usr/bin/cmp", ["-s"] + files, environment: [:]).status)"
    }

    /// Bytes the two servers have written so far (`wchar` of `/proc/<pid>/io`).
    func bytesWritten() -> Int {
        servers.reduce(0) { total, server in
            let text =
                (try? String(contentsOfFile: "/proc/\(server.process.processIdentifier)/io", encoding: .utf8)) ?? ""
            let line = text.split(separator: "\n").first { $0.hasPrefix("wchar:") }
            return total + (line.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) } ?? 0)
        }
    }

    /// Stops both servers.
    func stop() {
        for server in servers where server.process.isRunning {
            server.process.terminate()
            server.process.waitUntilExit()
        }
        servers = []
    }
}
