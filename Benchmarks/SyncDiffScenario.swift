import Glibc

/// `sync-diff`: `monk sync diff a.jsonl b.jsonl` (release binary, default summary output) on two id-sorted
/// canonical JSONL files of 1M account records with 1 % changed (see ``SyncDiffData``), against
/// `sqldiff --summary a.sqlite b.sqlite` on the same records as SQLite tables with one column per field.
/// Goal (issue #6): monk ≤ 0.5 × sqldiff's time and ≤ 32 MB peak RSS.
///
/// Both sides run as child processes of the scenario's process; their CPU time (user + system, which the
/// harness adds to its own) is the primary measure, and wall time is reported beside it. monk reads the two
/// files on two threads, so its wall time is what a user waits for; the goal is judged on wall time, and on
/// the shared benchmark machines that needs a quiet moment (compare with the load average).
struct SyncDiffScenario: SyncDiffScenarioShape {
    static let name = "sync-diff"
    static let summary = "monk sync diff of sorted JSONL (1M records, 1% changed) vs sqldiff --summary"
    static let goalDescription = "<=0.5x_wall,<=32MB"
    static let isShuffled = false
    static let peakRSSGoal = 32 << 20
    let data: SyncDiffData
}

/// `sync-diff-unsorted`: the same, with both JSONL files in a random order, which monk indexes and sorts
/// before the merge-join. Goal: ≤ 100 MB peak RSS (and the time is reported against the same baseline).
struct UnsortedSyncDiffScenario: SyncDiffScenarioShape {
    static let name = "sync-diff-unsorted"
    static let summary = "the same on shuffled JSONL (monk indexes, then joins) vs sqldiff --summary"
    static let goalDescription = "<=100MB"
    static let isShuffled = true
    static let peakRSSGoal = 100 << 20
    let data: SyncDiffData

    static func meetsGoal(_ measurement: Measurement) -> Bool {
        measurement.monkPeakRSS <= peakRSSGoal
    }
}

/// What the two `sync-diff` scenarios share.
protocol SyncDiffScenarioShape: Scenario {
    /// Whether monk reads the shuffled JSONL files.
    static var isShuffled: Bool { get }
    /// The largest peak RSS that meets the goal, in bytes.
    static var peakRSSGoal: Int { get }
    init(data: SyncDiffData)
    var data: SyncDiffData { get }
}

extension SyncDiffScenarioShape {
    init() {
        // The data is generated once and kept; a failure here is an environment problem (disk full).
        do {
            self.init(data: try SyncDiffData())
        } catch {
            preconditionFailure("cannot generate the sync-diff data: \(error)")
        }
    }

    func run(_ side: Side) throws -> Work {
        let inputs = [data.jsonlPath(.a, shuffled: Self.isShuffled), data.jsonlPath(.b, shuffled: Self.isShuffled)]
        let bytes = inputs.reduce(0) { $0 + SyncDiffProcess.fileSize($1) }
        let outcome: SyncDiffProcess.Outcome
        switch side {
        case .monk:
            outcome = try SyncDiffProcess.run(SyncDiffProcess.siblingExecutable("monk"), ["sync", "diff"] + inputs)
            // `sync diff` exits 1 when the sides differ, which they do.
            guard outcome.status == 1 else { throw SyncDiffProcess.failure("monk sync diff", outcome) }
        case .baseline:
            outcome = try SyncDiffProcess.run(
                "/usr/bin/sqldiff",
                ["--summary", data.sqlitePath(.a), data.sqlitePath(.b)]
            )
            guard outcome.status == 0 else { throw SyncDiffProcess.failure("sqldiff", outcome) }
        }
        return Work(bytes: bytes, checksum: SyncDiffProcess.fingerprint(outcome.output))
    }

    static func meetsGoal(_ measurement: Measurement) -> Bool {
        measurement.monkWallSeconds <= 0.5 * measurement.baselineWallSeconds
            && measurement.monkPeakRSS <= peakRSSGoal
    }
}
