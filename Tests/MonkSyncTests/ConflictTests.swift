import Foundation
import MonkCore
import MonkSync
import MonkTestSupport
import Testing

/// `sync patch` strategies when the destination changed after the diff (DESIGN.md §7).
@Suite struct ConflictTests {
    /// a: u1 changed, u2 new, u4 kept; b: u1 old, u3 to delete, u4.
    static let source = #"{"id":"u1","n":2}"# + "\n" + #"{"id":"u2","n":1}"# + "\n" + #"{"id":"u4","n":4}"# + "\n"
    static let destination = #"{"id":"u1","n":1}"# + "\n" + #"{"id":"u3","n":3}"# + "\n" + #"{"id":"u4","n":4}"# + "\n"
    /// b after someone edited u1 and created u2 since the diff.
    static let drifted =
        #"{"id":"u1","n":9}"# + "\n" + #"{"id":"u2","n":7}"# + "\n" + #"{"id":"u3","n":3}"# + "\n"
        + #"{"id":"u4","n":4}"# + "\n"

    @Test func manualStopsAtTheFirstConflictAndAppliesNothing() async throws {
        try await withDriftedDestination { patch, b in
            let report = try await LocalPatchTarget(try LocalEndpoint(parsing: b))
                .apply(patchAt: patch, options: ApplyOptions(strategy: .manual, ignoresChecksum: true))
            #expect(report.isStoppedByConflict)
            #expect(
                report.conflicts.map(\.description) == [
                    "b/u1: update conflicts: the destination record differs from the patch's before-image"
                ]
            )
            #expect(try String(contentsOfFile: b, encoding: .utf8) == Self.drifted)
        }
    }

    @Test func theirsAppliesThePatchValuesAnyway() async throws {
        try await withDriftedDestination { patch, b in
            let report = try await LocalPatchTarget(try LocalEndpoint(parsing: b))
                .apply(patchAt: patch, options: ApplyOptions(strategy: .theirs, ignoresChecksum: true))
            #expect(report.forced == 2 && report.conflicts.count == 2)
            #expect(try String(contentsOfFile: b, encoding: .utf8) == Self.source)
        }
    }

    @Test func oursSkipsConflictsAndAppliesTheRest() async throws {
        try await withDriftedDestination { patch, b in
            let report = try await LocalPatchTarget(try LocalEndpoint(parsing: b))
                .apply(patchAt: patch, options: ApplyOptions(strategy: .ours, ignoresChecksum: true))
            #expect(report.skipped == 2 && report.deleted == 1)
            let expected = #"{"id":"u1","n":9}"# + "\n" + #"{"id":"u2","n":7}"# + "\n" + #"{"id":"u4","n":4}"# + "\n"
            #expect(try String(contentsOfFile: b, encoding: .utf8) == expected)
        }
    }

    @Test(arguments: [ConflictStrategy.theirs, .ours])
    func checksumMismatchStopsWithoutForce(strategy: ConflictStrategy) async throws {
        try await withDriftedDestination { (patch: String, b: String) async throws in
            await #expect {
                _ = try await LocalPatchTarget(try LocalEndpoint(parsing: b))
                    .apply(patchAt: patch, options: ApplyOptions(strategy: strategy))
            } throws: { error in
                (error as? SyncError)?.code == .destinationChanged
            }
            #expect(try String(contentsOfFile: b, encoding: .utf8) == Self.drifted)
        }
    }

    /// Diffs `a` against `b`, then changes `b` behind the patch's back.
    private func withDriftedDestination(_ body: (String, String) async throws -> Void) async throws {
        try await withTemporaryDirectory { dir in
            let a = dir.appendingPathComponent("a.jsonl").path
            let b = dir.appendingPathComponent("b.jsonl").path
            let patch = dir.appendingPathComponent("p.patch").path
            try Self.source.write(toFile: a, atomically: true, encoding: .utf8)
            try Self.destination.write(toFile: b, atomically: true, encoding: .utf8)
            _ = try await LocalDiff(selection: .default).run(
                from: try LocalEndpoint(parsing: a),
                to: try LocalEndpoint(parsing: b),
                patchPath: patch,
                createdAt: "2026-11-24T10:30:00Z",
                generator: "monk test"
            )
            try Self.drifted.write(toFile: b, atomically: true, encoding: .utf8)
            try await body(patch, b)
        }
    }
}
