import GRDB
import Glibc
import MonkCore

/// The data of the `sync-diff` scenarios: 1M account-like records of about 320 bytes, as two versions `a`
/// (source) and `b` (destination) that differ in 1 % of the records: 0.9 % updated, 0.05 % only in `a`
/// (inserts), 0.05 % only in `b` (deletes).
///
/// Each version is written three times: as canonical JSONL sorted by id (what `monk sync pull` writes), as the
/// same lines in a seeded random order, and as an SQLite file with one table `accounts` whose columns are the
/// record's fields (`id TEXT PRIMARY KEY … WITHOUT ROWID`, so that `sqldiff` joins the rows by id rather than
/// by rowid; the nested address as its canonical JSON text). Records are a pure function of their index, so the files are written streaming, and
/// they are kept in a directory under `$TMPDIR` (default `/tmp`) between runs.
struct SyncDiffData {
    /// How many record indices there are (each is in `a`, `b` or both).
    static let count = 1_000_000
    static let seed: UInt64 = 20_261_124

    /// The directory holding the files.
    let directory: String

    /// Finds the files, writing them first when a previous run has not.
    init() throws {
        let temporary = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        directory = "\(temporary)/monk-bench-sync-diff-v3"
        let marker = "\(directory)/complete"
        if access(marker, F_OK) == 0 { return }
        mkdir(directory, 0o755)
        for side in [Side.a, .b] {
            try writeJSONL(side, shuffled: false)
            try writeJSONL(side, shuffled: true)
            try writeSQLite(side)
        }
        let descriptor = creat(marker, 0o644)
        guard descriptor >= 0 else { throw ChildProcess.Failure(description: "cannot write \(marker)") }
        close(descriptor)
    }

    /// The two versions.
    enum Side: String {
        case a
        case b
    }

    /// Path of one version's JSONL file, sorted by id or shuffled.
    func jsonlPath(_ side: Side, shuffled: Bool) -> String {
        "\(directory)/\(side.rawValue)\(shuffled ? "-shuffled" : "").jsonl"
    }

    /// Path of one version's SQLite file.
    func sqlitePath(_ side: Side) -> String { "\(directory)/\(side.rawValue).sqlite" }

    /// The record at `index` as `side` holds it, or `nil` when that side lacks it.
    static func record(_ index: Int, _ side: Side) -> AccountRecord? {
        var random = SplitMix(seed: seed ^ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        let change = random.below(10_000)
        if change >= 90 && change < 95 && side == .b { return nil }
        if change >= 95 && change < 100 && side == .a { return nil }
        var record = AccountRecord(index: index, random: &random)
        if change < 90 && side == .b { record.balanceCents += 1 + random.below(1000) }
        return record
    }

    private func writeJSONL(_ side: Side, shuffled: Bool) throws {
        var order = Array(0..<Self.count)
        if shuffled {
            var random = SplitMix(seed: Self.seed &+ (side == .a ? 1 : 2))
            for index in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(index, random.below(index + 1))
            }
        }
        let output = try BufferedOutput(path: jsonlPath(side, shuffled: shuffled))
        for index in order {
            guard let record = Self.record(index, side) else { continue }
            try output.write(record.canonicalJSON)
            try output.write([0x0A])
        }
        try output.close()
    }

    private func writeSQLite(_ side: Side) throws {
        let path = sqlitePath(side)
        unlink(path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: AccountRecord.createTable)
            let statement = try db.makeStatement(sql: AccountRecord.insert)
            for index in 0..<Self.count {
                guard let record = Self.record(index, side) else { continue }
                try statement.execute(arguments: record.columns)
            }
        }
        try queue.close()
    }
}

/// A small buffered writer for generated files.
private final class BufferedOutput {
    private let descriptor: Int32
    private let path: String
    private var buffer: [UInt8] = []

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw ChildProcess.Failure(description: "cannot create \(path)") }
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func close() throws {
        try flush()
        Glibc.close(descriptor)
    }

    private func flush() throws {
        let written = buffer.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == buffer.count else { throw ChildProcess.Failure(description: "cannot write \(path)") }
        buffer.removeAll(keepingCapacity: true)
    }
}
