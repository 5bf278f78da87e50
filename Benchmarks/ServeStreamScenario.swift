import Foundation
import GRDB
import GRDBSQLite
import MonkStore

/// `serve-stream`: `GET /api/data/bench` with `Accept: application/x-ndjson` over 1M records of one model,
/// read to the end by a loopback client in the same process; baseline: a plain SQLite
/// `SELECT data FROM bench ORDER BY id` loop over the same records, in the table and with the page size monk's
/// tenant files have. Goal: ≥ 1M records per CPU second.
struct ServeStreamScenario: Scenario {
    static let name = "serve-stream"
    static let summary = "JSONL stream of 1M records over HTTP vs a SQLite SELECT loop"
    static let goalDescription = ">=1M rec/s"
    static let count = 1_000_000
    /// Records per `create-all` while loading (not timed).
    static let batch = 100_000

    private let state = State()

    /// The server or baseline database, prepared on the first run.
    private final class State {
        var bench: ServeBench?
        var token = ""
        var baseline: DatabaseQueue?
    }

    init() {}

    func run(_ side: Side) throws -> Work {
        switch side {
        case .monk: try runMonk()
        case .baseline: try runBaseline()
        }
    }

    static func meetsGoal(_ measurement: Measurement) -> Bool {
        measurement.monkSeconds > 0 && Double(count) / measurement.monkSeconds >= 1_000_000
    }

    private func runMonk() throws -> Work {
        if state.bench == nil { try loadServer() }
        guard let bench = state.bench else { throw LoopbackHTTP.Failure(description: "no server") }
        var bytes = 0
        var lines = 0
        let status = try bench.http.stream(
            "GET",
            "/api/data/bench",
            headers: ["Accept: application/x-ndjson", ServeBench.bearer(state.token)]
        ) { piece in
            bytes += piece.count
            lines += ServeBench.newlines(in: piece)
        }
        guard status == 200, lines == Self.count else {
            throw LoopbackHTTP.Failure(description: "stream: HTTP \(status), \(lines) lines")
        }
        return Work(bytes: bytes, checksum: "\(lines)")
    }

    /// Starts the server and loads the records in `create-all` batches (not timed).
    private func loadServer() throws {
        let bench = try ServeBench()
        state.token = try bench.tenant("stream")
        for start in stride(from: 0, to: Self.count, by: Self.batch) {
            let lines = ServeRecords.lines(count: Self.batch, seed: 7_000 + UInt64(start))
            let body =
                #"{"operations":[{"operation":"create-all","model":"bench","data":["#
                + lines.joined(separator: ",") + #"]}],"options":{"return":"status","refs":false}}"#
            _ = try bench.expectOK(
                bench.http.send(
                    "POST",
                    "/api/bulk",
                    headers: [ServeBench.json, ServeBench.bearer(state.token)],
                    body: Array(body.utf8)
                )
            )
        }
        state.bench = bench
    }

    private func runBaseline() throws -> Work {
        if state.baseline == nil { state.baseline = try loadBaseline() }
        guard let queue = state.baseline else { throw LoopbackHTTP.Failure(description: "no baseline") }
        return try queue.read { db in
            let statement = try db.makeStatement(sql: "SELECT data FROM bench ORDER BY id")
            let handle = statement.sqliteStatement
            var bytes = 0
            var rows = 0
            while sqlite3_step(handle) == SQLITE_ROW {
                if sqlite3_column_text(handle, 0) != nil { bytes += Int(sqlite3_column_bytes(handle, 0)) + 1 }
                rows += 1
            }
            sqlite3_reset(handle)
            return Work(bytes: bytes, checksum: "\(rows)")
        }
    }

    /// A WAL database with the same records as `(id, data)` rows (not timed).
    private func loadBaseline() throws -> DatabaseQueue {
        let directory = try TemporaryDirectories.make(prefix: "monk-bench-stream")
        let queue = try DatabaseQueue(
            path: "\(directory)/bench.sqlite",
            configuration: ServeBench.baselineConfiguration()
        )
        try queue.write { db in
            try db.execute(sql: TenantSchema.createModelTableSQL(model: "bench"))
            let statement = try db.makeStatement(
                sql: "INSERT INTO bench (id, data, hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"
            )
            let hash = Data(repeating: 0x5a, count: 16)
            for start in stride(from: 0, to: Self.count, by: Self.batch) {
                for line in ServeRecords.lines(count: Self.batch, seed: 7_000 + UInt64(start)) {
                    try statement.execute(
                        arguments: [
                            ServeRecords.id(of: line), line, hash, "2026-01-02T03:04:05.000Z",
                            "2026-11-20T10:11:12.000Z",
                        ]
                    )
                }
            }
        }
        return queue
    }
}
