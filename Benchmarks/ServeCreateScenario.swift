import GRDB
import GRDBSQLite
import Glibc
import MonkCore
import MonkStore

/// `serve-create`: one `POST /api/bulk` with a `create-all` of 100k account-like records (~320 B each) into a
/// fresh tenant of an in-process `monk serve` (parse, validate, canonicalize, hash, insert, commit, answer), vs
/// a plain prepared-statement insert loop writing the same rows into a fresh WAL database in one transaction,
/// in the table and with the page size and writer cache a tenant file of monk has (so both do the same work).
/// Goal (issue #4): monk ≥ 0.8 × the baseline's speed.
///
/// CPU time is reported as the primary column, as everywhere. A large `create-all` prepares its records on a
/// second thread while the first inserts them (`CreatePrefetcher`), so the request a user waits for is
/// shorter than the CPU it uses; like `sync-diff`, the goal is judged on wall time, which needs a quiet
/// machine (compare with the load average).
struct ServeCreateScenario: Scenario {
    static let name = "serve-create"
    static let summary = "POST /api/bulk create-all of 100k records vs a prepared SQLite insert loop"
    static let goalDescription = ">=0.8x_wall"
    static let count = 100_000

    let lines: [String]
    private let state: State

    /// Tenants prepared up front (registration is not timed) and the runs made so far.
    private final class State {
        var bench: ServeBench?
        var tokens: [String] = []
        var baselineDirectory: String?
        /// The request body, built once (not timed).
        var body: [UInt8] = []
        var runs = 0
    }

    init() {
        lines = ServeRecords.lines(count: Self.count, seed: 20_261_124)
        state = State()
    }

    func run(_ side: Side) throws -> Work {
        defer { state.runs += 1 }
        switch side {
        case .monk: return try runMonk()
        case .baseline: return try runBaseline()
        }
    }

    static func meetsGoal(_ measurement: Measurement) -> Bool { measurement.wallRatio >= 0.8 }

    private var bytes: Int { lines.reduce(0) { $0 + $1.utf8.count } }

    private func runMonk() throws -> Work {
        if state.bench == nil {
            let bench = try ServeBench()
            state.tokens = try ["create0", "create1"].map(bench.tenant)
            state.bench = bench
            state.body = Array(
                (#"{"operations":[{"operation":"create-all","model":"bench","data":["#
                    + lines.joined(separator: ",") + #"]}],"options":{"return":"status"}}"#).utf8
            )
        }
        guard let bench = state.bench else { throw LoopbackHTTP.Failure(description: "no server") }
        let token = state.tokens[state.runs % state.tokens.count]
        let reply = try bench.expectOK(
            bench.http.send(
                "POST",
                "/api/bulk",
                headers: [ServeBench.json, ServeBench.bearer(token)],
                body: state.body
            )
        )
        guard let count = reply["data"]?[0]?["count"]?.numberValue?.int64Value, count == Self.count
        else {
            throw LoopbackHTTP.Failure(description: "create-all did not create \(Self.count) records")
        }
        return Work(bytes: bytes, checksum: "\(count)")
    }

    private func runBaseline() throws -> Work {
        let directory = try state.baselineDirectory ?? TemporaryDirectories.make(prefix: "monk-bench-create")
        state.baselineDirectory = directory
        let queue = try DatabaseQueue(
            path: "\(directory)/run\(state.runs).sqlite",
            configuration: ServeBench.baselineConfiguration()
        )
        let inserted = try queue.write { db in
            try db.execute(sql: TenantSchema.createModelTableSQL(model: "bench"))
            let statement = try db.makeStatement(
                sql: "INSERT INTO bench (id, data, hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"
            )
            let handle = statement.sqliteStatement
            let hash = [UInt8](repeating: 0x5a, count: 16)
            var inserted = 0
            for line in lines {
                let id = ServeRecords.id(of: line)
                sqlite3_reset(handle)
                bindText(handle, 1, id)
                bindText(handle, 2, line)
                _ = hash.withUnsafeBytes { sqlite3_bind_blob(handle, 3, $0.baseAddress, 16, sqliteTransient) }
                bindText(handle, 4, "2026-01-02T03:04:05.000Z")
                bindText(handle, 5, "2026-11-20T10:11:12.000Z")
                guard sqlite3_step(handle) == SQLITE_DONE else {
                    throw LoopbackHTTP.Failure(
                        description: "insert failed: \(String(cString: sqlite3_errmsg(db.sqliteConnection)))"
                    )
                }
                inserted += 1
            }
            return inserted
        }
        try queue.close()
        return Work(bytes: bytes, checksum: "\(inserted)")
    }

    private func bindText(_ statement: OpaquePointer?, _ index: Int32, _ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            _ = sqlite3_bind_text(statement, index, utf8.baseAddress, Int32(utf8.count), sqliteTransient)
        }
    }
}

/// `SQLITE_TRANSIENT`: SQLite copies the bound bytes.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
