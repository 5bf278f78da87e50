import Glibc
import MonkServer

/// `serve-get`: `GET /api/data/bench/:id` for random ids of 10k records under `wrk -c 64 -t 2 -d 5s`; baseline:
/// the same load against `GET /health` on the same kind of server. Both sides run 5 s of wall time, so their
/// CPU seconds (the server's; wrk is another process) say little: the goal is on requests per second, the
/// requests wrk completed (`bytes` in the report) over the wall time. The timed run prints wrk's summary and the
/// load average to stderr.
struct ServeGetScenario: Scenario {
    static let name = "serve-get"
    static let summary = "GET /api/data/:model/:id under wrk -c 64 vs GET /health"
    static let goalDescription = ">=10k req/s"
    static let records = 10_000

    private let state = State()

    /// The server, the wrk script and the runs made so far.
    private final class State {
        var bench: ServeBench?
        var script = ""
        var runs = 0
    }

    init() {}

    func run(_ side: Side) throws -> Work {
        defer { state.runs += 1 }
        if state.bench == nil { try prepare(side) }
        guard let bench = state.bench else { throw LoopbackHTTP.Failure(description: "no server") }
        let output = try Wrk.run(port: bench.server.port, script: state.script)
        let summary = output.split(separator: "\n").filter { $0.contains("requests in") || $0.contains("Requests/sec") }
        if output.contains("Non-2xx") || output.contains("Socket errors") {
            throw LoopbackHTTP.Failure(description: "wrk saw failed requests:\n\(output)")
        }
        let completed = summary.first { $0.contains("requests in") }?.split(separator: " ").first.flatMap { Int($0) }
        if state.runs == 1 {
            var load = [Double](repeating: 0, count: 3)
            _ = getloadavg(&load, 3)
            writeError("\(Self.name) \(side.rawValue): \(summary.joined(separator: "; ")) (load average \(load[0]))")
        }
        return Work(bytes: completed ?? 0, checksum: "ok")
    }

    static func meetsGoal(_ measurement: Measurement) -> Bool {
        measurement.monkWallSeconds > 0 && Double(measurement.bytes) / measurement.monkWallSeconds >= 10_000
    }

    /// Starts the server and writes the wrk script; monk's side also loads the records (not timed).
    private func prepare(_ side: Side) throws {
        let bench = try ServeBench()
        let token = try bench.tenant("get")
        let directory = try TemporaryDirectories.make(prefix: "monk-bench-get")
        var request = #"return wrk.format("GET", "/health")"#
        var ids: [String] = []
        if side == .monk {
            let lines = ServeRecords.lines(count: Self.records, seed: 99)
            ids = lines.map(ServeRecords.id(of:))
            let body =
                #"{"operations":[{"operation":"create-all","model":"bench","data":["#
                + lines.joined(separator: ",") + #"]}],"options":{"return":"status"}}"#
            _ = try bench.expectOK(
                bench.http.send(
                    "POST",
                    "/api/bulk",
                    headers: [ServeBench.json, ServeBench.bearer(token)],
                    body: Array(body.utf8)
                )
            )
            request = #"return wrk.format("GET", "/api/data/bench/" .. ids[math.random(#ids)])"#
        }
        state.script = "\(directory)/get.lua"
        let lua = """
            local ids = {\(ids.map { "\"\($0)\"" }.joined(separator: ","))}
            wrk.headers["Authorization"] = "Bearer \(token)"
            function request() \(request) end
            """
        guard let file = fopen(state.script, "w") else {
            throw LoopbackHTTP.Failure(description: "cannot write script")
        }
        fputs(lua, file)
        fclose(file)
        state.bench = bench
    }
}

/// Runs `wrk -c 64 -t 2` with a script and returns its report.
enum Wrk {
    static func run(port: Int, script: String) throws -> String {
        let command = "wrk -c 64 -t 2 -d 5s -s '\(script)' http://127.0.0.1:\(port)/ 2>&1"
        guard let pipe = popen(command, "r") else { throw LoopbackHTTP.Failure(description: "cannot start wrk") }
        var output = ""
        var buffer = [CChar](repeating: 0, count: 4096)
        while fgets(&buffer, Int32(buffer.count), pipe) != nil {
            output += String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        guard pclose(pipe) == 0, output.contains("requests in") else {
            throw LoopbackHTTP.Failure(
                description: "wrk failed (is it installed? scripts/bench installs it): \(output)"
            )
        }
        return output
    }
}
