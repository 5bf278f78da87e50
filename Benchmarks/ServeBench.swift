import Dispatch
import GRDB
import Glibc
import MonkCore
import MonkServer
import MonkStore

/// Shared setup of the `serve-*` scenarios: an in-process `monk serve` over a temporary data directory, tenants
/// with a `bench` model, and generated account-like records.
///
/// The server runs inside the benchmark child, so the child's CPU time covers the server's work and the
/// client's together (STYLE.md §5: the measure is CPU time of the whole process).
final class ServeBench {
    let server: EmbeddedServer
    let http: LoopbackHTTP
    let dataDirectory: String

    /// Starts a server over a fresh temporary data directory (removed when the child exits).
    init() throws {
        dataDirectory = try TemporaryDirectories.make(prefix: "monk-bench-serve")
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.dataDirectory = dataDirectory
        configuration.jwtSecret = "monk-bench-secret"
        configuration.bcryptCost = 4
        let settings = configuration
        server = try blocking { try await EmbeddedServer.start(configuration: settings) }
        http = LoopbackHTTP(port: server.port)
    }

    /// Registers `tenant` (root user), creates the `bench` model and returns the root token.
    func tenant(_ tenant: String) throws -> String {
        let registration = #"{"tenant":"\#(tenant)","username":"root","password":"bench-password"}"#
        let reply = try expectOK(
            http.send("POST", "/auth/register", headers: [Self.json], body: Array(registration.utf8))
        )
        guard let token = reply["data"]?["token"]?.stringValue else {
            throw LoopbackHTTP.Failure(description: "register \(tenant): no token")
        }
        let model = """
            {"fields":[{"field_name":"name","type":"text","required":true},{"field_name":"email","type":"text"},\
            {"field_name":"balance","type":"decimal"},{"field_name":"active","type":"boolean"},\
            {"field_name":"address","type":"jsonb"},{"field_name":"notes","type":"text"}]}
            """
        _ = try expectOK(
            http.send("POST", "/api/describe/bench", headers: [Self.json, Self.bearer(token)], body: Array(model.utf8))
        )
        return token
    }

    /// The GRDB settings of a baseline database: WAL, and the page size and page cache of monk's tenant files
    /// (``DatabaseOpener``), so a baseline does the same SQLite work as monk.
    static func baselineConfiguration() -> Configuration {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA page_size = \(DatabaseOpener.pageSize)")
            try db.execute(sql: "PRAGMA cache_size = -\(DatabaseOpener.writerCacheKiB)")
        }
        return configuration
    }

    /// The number of `\n` bytes in `bytes` (`memchr` jumps between them, as a client reading lines would).
    static func newlines(in bytes: UnsafeRawBufferPointer) -> Int {
        guard var cursor = bytes.baseAddress else { return 0 }
        let end = cursor + bytes.count
        var count = 0
        while cursor < end, let found = memchr(cursor, 10, end - cursor) {
            count += 1
            cursor = UnsafeRawPointer(found) + 1
        }
        return count
    }

    /// `Content-Type: application/json`.
    static let json = "Content-Type: application/json"

    /// The `Authorization` header for `token`.
    static func bearer(_ token: String) -> String { "Authorization: Bearer \(token)" }

    /// The parsed body of a 200 response; any other status throws with the body.
    func expectOK(_ reply: (Int, [UInt8])) throws -> JSONValue {
        guard reply.0 == 200, let value = try? JSONParser.parse(reply.1) else {
            throw LoopbackHTTP.Failure(
                description: "HTTP \(reply.0): \(String(decoding: reply.1.prefix(300), as: UTF8.self))"
            )
        }
        return value
    }
}

/// Account-like records of about 320 bytes with random UUIDs (unique, in random order like real ids), as
/// compact JSON lines without a trailing newline. Every child generates the same records from the seed.
enum ServeRecords {
    static func lines(count: Int, seed: UInt64) -> [String] {
        var random = SplitMix(seed: seed)
        let names = ["Ada Lovelace", "Grace Hopper", "Ren\\u00e9 Descartes", "Zo\u{EB} Bright", "Alan Turing"]
        let cities = ["Berlin", "M\u{FC}nchen", "Paris", "S\u{E3}o Paulo", "Tokyo"]
        return (0..<count).map { index in
            let cents = random.below(100_000_000)
            return #"{"id":"\#(uuid(&random))","name":"\#(names[random.below(names.count)])","#
                + #""email":"u\#(index)@mail.com","balance":\#(cents / 100).\#(cents % 100 + 10),"#
                + #""active":\#(random.below(2) == 0),"address":{"street":"Hauptstra\#u{DF}e \#(random.below(200))","#
                + #""city":"\#(cities[random.below(cities.count)])","zip":"\#(10000 + random.below(89999))"},"#
                + #""notes":"customer since 2019, prefers email, net 30 terms","#
                + #""created_at":"2026-01-02T03:04:05.000Z","updated_at":"2026-11-20T10:11:12.000Z"}"#
        }
    }

    /// The `id` of a generated line (its first member).
    static func id(of line: String) -> String {
        String(line.utf8.dropFirst(7).prefix(36)) ?? ""
    }

    private static func uuid(_ random: inout SplitMix) -> String {
        var hex = String(random.next(), radix: 16) + String(random.next(), radix: 16)
        hex = String(repeating: "0", count: max(0, 32 - hex.count)) + hex
        let digits = Array(hex.prefix(32))
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(digits[$0]) }
        return groups.joined(separator: "-")
    }
}

/// Runs `work` on Swift's concurrency pool and blocks the calling (non-pool) thread until it returns.
func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let done = DispatchSemaphore(value: 0)
    let box = ResultBox<T>()
    Task {
        do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    guard let result = box.result else { throw LoopbackHTTP.Failure(description: "async work vanished") }
    return try result.get()
}

/// Hands a result from a task to the thread waiting for it (the semaphore orders the accesses).
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}

/// Temporary directories of this child process, removed when it exits.
enum TemporaryDirectories {
    nonisolated(unsafe) private static var paths: [String] = []

    /// Creates a fresh directory under `$TMPDIR` (or /tmp).
    static func make(prefix: String) throws -> String {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw LoopbackHTTP.Failure(description: "mkdtemp failed: errno \(errno)")
        }
        if paths.isEmpty { atexit { TemporaryDirectories.removeAll() } }
        let path = String(cString: made)
        paths.append(path)
        return path
    }

    private static func removeAll() {
        for path in paths {
            let command = Array("rm -rf '\(path)'".utf8CString)
            _ = command.withUnsafeBufferPointer { system($0.baseAddress!) }
        }
    }
}
