import Foundation
import MonkCore
import MonkSync
import MonkTestSupport
import Testing

/// DESIGN.md §7's invariants over generated data, for every local pairing: `diff a b -o p; patch p b` makes
/// `diff a b` equal, `patch -R p b` restores `b`, and `--dry-run` writes nothing.
@Suite struct PatchInvariantTests {
    static let pairings: [(Layout, Layout)] = [
        (.jsonlFile, .jsonlFile), (.filesDirectory, .filesDirectory), (.jsonlFile, .filesDirectory),
        (.filesDirectory, .jsonlFile), (.jsonlDirectory, .jsonlDirectory), (.multiModelFiles, .multiModelFiles),
        (.jsonlDirectory, .multiModelFiles), (.multiModelFiles, .jsonlDirectory),
    ]

    /// Seeds per run: 48 by default (6 per pairing) so the debug suite stays quick next to the rest; set
    /// `MONK_SYNC_SEEDS=400` for a long run.
    static let seeds = 1...max(1, Int(ProcessInfo.processInfo.environment["MONK_SYNC_SEEDS"] ?? "") ?? 48)

    @Test(arguments: seeds)
    func patchTurnsDestinationIntoSourceAndReverseUndoesIt(seed: Int) async throws {
        let (sourceLayout, destinationLayout) = Self.pairings[seed % Self.pairings.count]
        try await withTemporaryDirectory { dir in
            var builder = RecordSetBuilder(seed: seed)
            let (sourceRecords, destinationRecords) = builder.pair()
            let a = try sourceLayout.write(sourceRecords, named: "a", in: dir, builder: &builder)
            let b = try destinationLayout.write(destinationRecords, named: "b", in: dir, builder: &builder)
            let patch = dir.appendingPathComponent("change.patch").path
            let original = try await allRecords(b)
            let before = try fileSnapshot(URL(fileURLWithPath: b))

            let header = try await diff(a, b, patch: patch)
            let target = try LocalPatchTarget(try LocalEndpoint(parsing: b))

            let dryRun = try await target.apply(patchAt: patch, options: ApplyOptions(isDryRun: true))
            #expect(dryRun.changes == header.summary.changes, "seed \(seed)")
            #expect(try fileSnapshot(URL(fileURLWithPath: b)) == before, "dry run wrote, seed \(seed)")

            let applied = try await target.apply(patchAt: patch, options: ApplyOptions())
            #expect(applied.changes == header.summary.changes && applied.conflicts.isEmpty, "seed \(seed)")
            let after = try await diff(a, b, patch: dir.appendingPathComponent("again.patch").path)
            #expect(after.summary.isEqual, "patch did not make b equal to a, seed \(seed)")

            let reversed = try await target.apply(patchAt: patch, options: ApplyOptions(isReversed: true))
            #expect(reversed.conflicts.isEmpty, "seed \(seed)")
            #expect(try await allRecords(b) == original, "reverse did not restore b, seed \(seed)")

            let same = try await diff(a, a, patch: dir.appendingPathComponent("same.patch").path)
            #expect(same.summary.isEqual && same.summary.unchanged == sourceRecords.count, "seed \(seed)")
        }
    }

    @Test(arguments: seeds.prefix(24))
    func canonicalEquivalentsNeverDiffer(seed: Int) async throws {
        try await withTemporaryDirectory { dir in
            var builder = RecordSetBuilder(seed: seed)
            let records = builder.pair().source
            let a = try Layout.jsonlFile.write(records, named: "a", in: dir, builder: &builder)
            let b = try Layout.jsonlFile.write(records, named: "b", in: dir, builder: &builder)
            let c = try Layout.filesDirectory.write(records, named: "c", in: dir, builder: &builder)
            #expect(try await diff(a, b, patch: dir.appendingPathComponent("ab.patch").path).summary.isEqual)
            #expect(try await diff(a, c, patch: dir.appendingPathComponent("ac.patch").path).summary.isEqual)
        }
    }

    @Test(arguments: [
        (#"{"id":"x","v":1}"#, #"{"id":"x","v":"1"}"#),
        (#"{"id":"x","v":null}"#, #"{"id":"x"}"#),
        (#"{"id":"x","v":[1,2]}"#, #"{"id":"x","v":[2,1]}"#),
        (#"{"id":"x","v":true}"#, #"{"id":"x","v":1}"#),
        (#"{"id":"x","v":"é"}"#, #"{"id":"x","v":"e\u0301"}"#),
    ])
    func semanticallyDifferentValuesDiffer(left: String, right: String) async throws {
        try await withTemporaryDirectory { dir in
            let a = dir.appendingPathComponent("a.jsonl").path
            let b = dir.appendingPathComponent("b.jsonl").path
            try (left + "\n").write(toFile: a, atomically: true, encoding: .utf8)
            try (right + "\n").write(toFile: b, atomically: true, encoding: .utf8)
            let header = try await diff(a, b, patch: dir.appendingPathComponent("p.patch").path)
            #expect(header.summary.updates == 1)
        }
    }

    @Test(arguments: [
        (#"{"id":"x","v":1.50}"#, #"{"v":1.5,"id":"x"}"#),
        (#"{"id":"x","v":1e2}"#, #"{"id":"x","v":100.0}"#),
        (#"{"id":"x","v":"\u00e9\/"}"#, #"{"id":"x","v":"é/"}"#),
        (#"{"id":"x","updated_at":"2026-01-01"}"#, #"{"id":"x","updated_at":"2027-01-01"}"#),
    ])
    func canonicalSpellingsAndSystemFieldsAreEqual(left: String, right: String) async throws {
        try await withTemporaryDirectory { dir in
            let a = dir.appendingPathComponent("a.jsonl").path
            let b = dir.appendingPathComponent("b.jsonl").path
            try (left + "\n").write(toFile: a, atomically: true, encoding: .utf8)
            try (" " + right + "\r\n").write(toFile: b, atomically: true, encoding: .utf8)
            #expect(try await diff(a, b, patch: dir.appendingPathComponent("p.patch").path).summary.isEqual)
        }
    }

    private func diff(_ a: String, _ b: String, patch: String) async throws -> PatchHeader {
        try await LocalDiff(selection: .default).run(
            from: try LocalEndpoint(parsing: a),
            to: try LocalEndpoint(parsing: b),
            patchPath: patch,
            createdAt: "2026-11-24T10:30:00Z",
            generator: "monk test"
        )
    }
}
