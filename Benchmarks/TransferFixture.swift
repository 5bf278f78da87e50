import Foundation
import Glibc
import MonkCore

/// Two `monk serve` processes for the transfer scenarios of issue #7: `one` holds tenant `demo` with a
/// `bench` model of `count` records of about 330 bytes; `two` holds tenant `staging`, into which each copy
/// goes to a model of its own.
///
/// The data directories live in `$TMPDIR/monk-bench-transfer-<format>-<count>` (format:
/// ``RemoteSyncFixture/storageFormat``) and are loaded once (loading a million records takes minutes); later
/// children only start the servers. The servers run detached (see `spawn`), because `monk-bench` measures the
/// peak RSS of a child and the descendants it reaps, and the servers' memory is not the client's.
final class TransferFixture {
    let directory: String
    private var pids: [Int32] = []
    private var urls: [String: String] = [:]

    /// The fixture of this process, stopped at exit.
    // nonisolated(unsafe): set once on the main thread before the scenario runs; read by the atexit handler.
    nonisolated(unsafe) static var running: TransferFixture?

    private init(directory: String) {
        self.directory = directory
    }

    /// Records in the source model: `MONK_BENCH_SYNC_RECORDS`, default 1,000,000.
    static var recordCount: Int {
        Int(ProcessInfo.processInfo.environment["MONK_BENCH_SYNC_RECORDS"] ?? "") ?? 1_000_000
    }

    /// The fixture's directory under `$TMPDIR`, named after the storage format and the record count.
    static var directoryPath: String {
        let temporary = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        return temporary + "/monk-bench-transfer-\(RemoteSyncFixture.storageFormat)-\(recordCount)"
    }

    /// Starts the servers (loading the data the first time) and stops them when the process exits.
    static func started() throws -> TransferFixture {
        if let running { return running }
        let fixture = TransferFixture(directory: directoryPath)
        let isReady = FileManager.default.fileExists(atPath: fixture.directory + "/ready")
        if !isReady {
            try? FileManager.default.removeItem(atPath: fixture.directory)
            try FileManager.default.createDirectory(atPath: fixture.directory, withIntermediateDirectories: true)
        }
        running = fixture
        atexit { TransferFixture.running?.stop() }
        try fixture.startServers()
        if !isReady {
            try fixture.load()
            _ = FileManager.default.createFile(atPath: fixture.directory + "/ready", contents: Data())
        }
        return fixture
    }

    /// The base URL of server `name`.
    func url(_ name: String) -> String { urls[name] ?? "" }

    /// Runs the `monk` CLI with this fixture's configuration.
    func monk(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try RemoteSyncFixture.run(
            RemoteSyncFixture.monkPath,
            arguments,
            environment: ["MONK_CLI_CONFIG_DIR": directory + "/config"]
        )
    }

    /// Runs `monk` and throws when it fails.
    func succeed(_ arguments: [String]) throws {
        let result = try monk(arguments)
        guard result.status == 0 else {
            throw RemoteSyncFixture.Failure(description: "monk \(arguments): \(result.output.suffix(400))")
        }
    }

    /// The token of the session for `tenant` on `server`.
    func token(server: String, tenant: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/config/config.json"))
        let config = try JSONParser.parse(Array(data))
        let session = config["sessions"]?.arrayValue?.first {
            $0["server"]?.stringValue == server && $0["tenant"]?.stringValue == tenant
        }
        return session?["token"]?.stringValue ?? ""
    }

    /// Creates an empty `bench`-shaped model `name` in `staging` on `two`.
    func createModel(_ name: String) throws {
        try succeed(["describe", "create", name, directory + "/bench.yaml", "--server", "two", "--tenant", "staging"])
    }

    /// Drops model `name` in `staging` on `two`, with its records.
    func dropModel(_ name: String) {
        _ = try? monk(["describe", "delete", name, "--permanent", "--server", "two", "--tenant", "staging"])
    }

    private func startServers() throws {
        for name in ["one", "two"] {
            let port = try RemoteSyncFixture.freePort()
            let pid = try spawn([
                RemoteSyncFixture.monkPath, "serve", "--host", "127.0.0.1", "--port", String(port), "--data-dir",
                directory + "/" + name,
            ])
            pids.append(pid)
            let url = "http://127.0.0.1:\(port)"
            urls[name] = url
            try waitForHealth(url)
            let result = try monk(["config", "server", "add", name, url])
            if result.status != 0 { try setServerURL(name, url) }
        }
    }

    /// Starts `arguments` detached, with output discarded, and returns its pid. A shell starts it in the
    /// background, writes its pid to a file and exits, so the server is re-parented away from this process: its
    /// memory can never be reaped into this process's children's peak RSS, which must be the client's alone.
    private func spawn(_ arguments: [String]) throws -> Int32 {
        let pidFile = directory + "/server-\(pids.count).pid"
        let script = #"pidfile=$1; shift; "$@" </dev/null >/dev/null 2>&1 & echo $! > "$pidfile""#
        let argv: [UnsafeMutablePointer<CChar>?] =
            (["/bin/sh", "-c", script, "sh", pidFile] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var shell: pid_t = 0
        guard posix_spawn(&shell, "/bin/sh", nil, nil, argv, environ) == 0 else {
            throw RemoteSyncFixture.Failure(description: "cannot start /bin/sh for \(arguments[0])")
        }
        var status: Int32 = 0
        while waitpid(shell, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? ""
        guard let pid = Int32(text.filter(\.isNumber)) else {
            throw RemoteSyncFixture.Failure(description: "cannot start \(arguments[0]): no pid in \(pidFile)")
        }
        return pid
    }

    /// Registers the tenants, creates the model and imports the records.
    private func load() throws {
        try RemoteSyncFixture.modelYAML.write(toFile: directory + "/bench.yaml", atomically: true, encoding: .utf8)
        var random = SplitMix(seed: 7)
        var lines = ""
        lines.reserveCapacity(Self.recordCount * 300)
        for index in 0..<Self.recordCount {
            let id = RemoteSyncFixture.uuid(&random)
            let balance = Int(random.next() % 10_000_000)
            lines +=
                #"{"balance":\#(balance / 100).\#(balance % 100 / 10)\#(balance % 10),"city":"Berlin","#
                + #""email":"user\#(index)@example.com","id":"\#(id)","name":"Account holder \#(index)","#
                + #""note":"\#(String(repeating: "n", count: 150))"}"# + "\n"
        }
        try lines.write(toFile: directory + "/bench.jsonl", atomically: true, encoding: .utf8)
        for (server, tenant) in [("one", "demo"), ("two", "staging")] {
            try succeed(["auth", "register", tenant, "root", "--password", "bench-pass-1", "--server", server])
        }
        try succeed(["describe", "create", "bench", directory + "/bench.yaml", "--server", "one", "--tenant", "demo"])
        try succeed([
            "data", "import", "bench", directory + "/bench.jsonl", "--batch-size", "5000", "--server", "one",
            "--tenant", "demo", "--timeout", "600",
        ])
    }

    /// Points configured server `name` at `url`, keeping its sessions.
    private func setServerURL(_ name: String, _ url: String) throws {
        let path = directory + "/config/config.json"
        guard case .object(var config) = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path)))),
            case .object(var servers)? = config["servers"]
        else { throw RemoteSyncFixture.Failure(description: "\(path): no servers") }
        servers[name] = ["url": .string(url)]
        config["servers"] = .object(servers)
        try Data(JSONValue.object(config).canonicalBytes).write(to: URL(fileURLWithPath: path))
    }

    private func waitForHealth(_ url: String) throws {
        for _ in 0..<600 {
            if (try? RemoteSyncFixture.run("/usr/bin/curl", ["-sf", url + "/health"], environment: [:]).status) == 0 {
                return
            }
            usleep(100_000)
        }
        throw RemoteSyncFixture.Failure(description: "\(url) did not become healthy")
    }

    /// Stops both servers (SIGTERM) and waits up to a minute for each to exit (they drain and close their
    /// databases). They are not this process's children, so their end is seen by polling.
    func stop() {
        for pid in pids {
            kill(pid, SIGTERM)
            for _ in 0..<1_200 where kill(pid, 0) == 0 { usleep(50_000) }
        }
        pids = []
    }
}
