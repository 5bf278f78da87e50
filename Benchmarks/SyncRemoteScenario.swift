import Foundation
import MonkCore

/// The remote ↔ remote scenarios of issue #6: `monk sync diff` between two `monk serve` processes holding the
/// same model (`sync-remote`, goal ≤ 1.5 s and ≤ 1 MB moved) or one with 1 % of records changed
/// (`sync-remote-1pct`, goal ≤ 3 s). Baseline: what a script does without monk, `curl` of both JSONL streams
/// and `cmp`.
///
/// The servers' data directories are prepared once per record count (`MONK_BENCH_SYNC_RECORDS`, default
/// 1,000,000) under the temporary directory and reused; each child starts both servers, measures, and stops
/// them when it exits. Bytes are what the two servers wrote (`/proc/<pid>/io` `wchar`), i.e. the response bodies.
protocol RemoteSyncScenario: Scenario {
    /// The tenant on the right server: `same` or `changed`.
    static var rightTenant: String { get }
    /// The wall-time goal in seconds.
    static var wallGoal: Double { get }
    init(fixture: RemoteSyncFixture)
    var fixture: RemoteSyncFixture { get }
}

extension RemoteSyncScenario {
    init() {
        let count = Int(ProcessInfo.processInfo.environment["MONK_BENCH_SYNC_RECORDS"] ?? "") ?? 1_000_000
        do {
            self.init(fixture: try RemoteSyncFixture.started(count: count))
        } catch {
            preconditionFailure("sync-remote: cannot prepare the servers: \(error)")
        }
    }

    func run(_ side: Side) throws -> Work {
        let before = fixture.bytesWritten()
        let checksum: String
        switch side {
        case .monk:
            let result = try fixture.monk(["sync", "diff", "left:acme:item", "right:\(Self.rightTenant):item"])
            checksum = "exit\(result.status)"
        case .baseline:
            checksum = try fixture.curlAndCompare(rightTenant: Self.rightTenant)
        }
        return Work(bytes: fixture.bytesWritten() - before, checksum: checksum)
    }
}

/// `sync-remote`: identical models; bisection should move almost nothing.
struct SyncRemoteScenario: RemoteSyncScenario {
    static let name = "sync-remote"
    static let summary = "sync diff of two monk serve, 1M records, no change vs curl+cmp"
    static let goalDescription = "<=1.5s wall,<=1MB moved"
    static let rightTenant = "same"
    static let wallGoal = 1.5
    let fixture: RemoteSyncFixture

    static func meetsGoal(_ measurement: Measurement) -> Bool {
        measurement.monkWallSeconds <= wallGoal && measurement.bytes <= 1 << 20
    }
}

/// `sync-remote-1pct`: 1 % of the right side's records changed.
struct SyncRemoteChangedScenario: RemoteSyncScenario {
    static let name = "sync-remote-1pct"
    static let summary = "sync diff of two monk serve, 1M records, 1% changed vs curl+cmp"
    static let goalDescription = "<=3s wall"
    static let rightTenant = "changed"
    static let wallGoal = 3.0
    let fixture: RemoteSyncFixture

    static func meetsGoal(_ measurement: Measurement) -> Bool { measurement.monkWallSeconds <= wallGoal }
}
