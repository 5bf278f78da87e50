/// One benchmark: a piece of monk's work and the baseline it is measured against (STYLE.md §5).
///
/// Each side runs in its own child process on the same generated data, so that peak RSS belongs to that side
/// alone. A scenario generates its data deterministically in ``init()``; ``run(_:)`` does the timed work once
/// and returns what it processed.
protocol Scenario: SendableMetatype {
    /// The name on the command line and in the report (`monk-bench json`).
    static var name: String { get }
    /// One line for `monk-bench --help`.
    static var summary: String { get }
    /// The goal as the report prints it, e.g. `>=8x, >=250MB/s`.
    static var goalDescription: String { get }

    /// Generates the scenario's data (not timed).
    init()

    /// Runs one side once over all the data (timed by the caller).
    ///
    /// - Returns: the bytes processed and a checksum of the result, so the work cannot be optimized away and
    ///   repeated runs can be checked for agreement.
    func run(_ side: Side) throws -> Work

    /// Whether a measurement meets the goal.
    static func meetsGoal(_ measurement: Measurement) -> Bool
}

/// Which side of a scenario runs.
enum Side: String, CaseIterable {
    case monk
    case baseline
}

/// What one run processed.
struct Work {
    /// Input bytes processed.
    var bytes: Int
    /// A digest of the result (equal across runs of the same side).
    var checksum: String
}

/// Every scenario `monk-bench` knows, in report order. Add a new scenario's type here.
let allScenarios: [any Scenario.Type] = [
    JSONScenario.self, CanonicalJSONScenario.self, SyncDiffScenario.self, UnsortedSyncDiffScenario.self,
    SyncRemoteScenario.self, SyncRemoteChangedScenario.self, ServeCreateScenario.self, ServeStreamScenario.self,
    ServeGetScenario.self, TransferCopyScenario.self, TransferPullJSONLScenario.self, TransferPullFilesScenario.self,
]
