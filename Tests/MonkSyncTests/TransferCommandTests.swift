import Foundation
import MonkCLI
import MonkTestSupport
import Testing

/// `sync copy`, `push` and `pull` between local endpoints: strategies, dry runs, guards, mirrors.
@Suite struct TransferCommandTests {
    static let source = #"{"id":"a","n":1}"# + "\n" + #"{"id":"b","n":2}"# + "\n" + #"{"id":"c","n":3}"# + "\n"
    static let destination = #"{"id":"b","n":20}"# + "\n" + #"{"id":"d","n":4}"# + "\n"

    /// Runs `monk` with a config dir inside `dir`.
    func monk(_ arguments: [String], in dir: URL) async -> SyncRunResult {
        await runSync(
            arguments,
            in: dir,
            environment: ["MONK_CLI_CONFIG_DIR": dir.appendingPathComponent("config").path]
        )
    }

    func text(_ name: String, in dir: URL) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    func setUp(_ dir: URL) throws {
        try Self.source.write(to: dir.appendingPathComponent("src.jsonl"), atomically: true, encoding: .utf8)
        try Self.destination.write(to: dir.appendingPathComponent("dst.jsonl"), atomically: true, encoding: .utf8)
    }

    @Test(arguments: [
        ("replace", #"{"id":"a","n":1}|{"id":"b","n":2}|{"id":"c","n":3}"#),
        ("merge", #"{"id":"a","n":1}|{"id":"b","n":2}|{"id":"c","n":3}|{"id":"d","n":4}"#),
        ("skip-existing", #"{"id":"a","n":1}|{"id":"b","n":20}|{"id":"c","n":3}|{"id":"d","n":4}"#),
    ])
    func copyAppliesEachStrategy(strategy: String, expected: String) async throws {
        try await withTemporaryDirectory { dir in
            try setUp(dir)
            let result = await monk(
                ["sync", "copy", "src.jsonl", "dst.jsonl", "--strategy", strategy, "--max-delete", "1"],
                in: dir
            )
            #expect(result.status == .success, "\(result.err)")
            #expect(try text("dst.jsonl", in: dir) == expected.replacingOccurrences(of: "|", with: "\n") + "\n")
        }
    }

    @Test func dryRunPrintsTheCountsOfARealRunAndChangesNothing() async throws {
        try await withTemporaryDirectory { dir in
            try setUp(dir)
            let dry = await monk(["sync", "copy", "src.jsonl", "dst.jsonl", "--dry-run", "--json"], in: dir)
            #expect(try dry.status == .success && text("dst.jsonl", in: dir) == Self.destination)
            #expect(dry.out.contains(#""deleted":1"#) && dry.out.contains(#""inserted":2"#))
            #expect(dry.out.contains(#""updated":1"#) && dry.out.contains(#""dry_run":true"#))
            let real = await monk(["sync", "copy", "src.jsonl", "dst.jsonl", "--json"], in: dir)
            let counts = { (out: String) in out.split(separator: ",").filter { $0.contains("ed\":") } }
            #expect(counts(real.out) == counts(dry.out) && real.status == .success)
        }
    }

    @Test func maxDeleteStopsTheRunWithExit8() async throws {
        try await withTemporaryDirectory { dir in
            try setUp(dir)
            let result = await monk(["sync", "copy", "src.jsonl", "dst.jsonl", "--max-delete", "0"], in: dir)
            #expect(result.status.code == 8 && result.err.contains("--max-delete 0"))
            #expect(try text("dst.jsonl", in: dir) == Self.destination)
        }
    }

    @Test func aFailedModelClosesWithAWarningNotATick() async throws {
        try await withTemporaryDirectory { dir in
            let source = dir.appendingPathComponent("src")
            try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(
                at: dir.appendingPathComponent("dst"),
                withIntermediateDirectories: true
            )
            try #"{"id":"a","n":1}"#.write(
                to: source.appendingPathComponent("alpha.jsonl"),
                atomically: true,
                encoding: .utf8
            )
            try #"{"id":"a","n":1"#.write(
                to: source.appendingPathComponent("beta.jsonl"),
                atomically: true,
                encoding: .utf8
            )
            let result = await monk(["sync", "copy", "./src", "./dst"], in: dir)
            #expect(result.status.code == 7, "\(result.err)")
            #expect(result.err.contains("beta.jsonl:1"))
            #expect(result.err.contains("⚠ Copied") && result.err.contains("with 1 failure (above)"))
            #expect(!result.err.contains("✓"), "a failed run must not close with a tick: \(result.err)")
        }
    }

    @Test func emptySourceStopsTheRunWithExit8() async throws {
        try await withTemporaryDirectory { dir in
            try setUp(dir)
            try "".write(to: dir.appendingPathComponent("empty.jsonl"), atomically: true, encoding: .utf8)
            let stopped = await monk(["sync", "copy", "empty.jsonl", "dst.jsonl", "--max-delete", "100%"], in: dir)
            #expect(try stopped.status.code == 8 && text("dst.jsonl", in: dir) == Self.destination)
            let allowed = await monk(
                ["sync", "copy", "empty.jsonl", "dst.jsonl", "--max-delete", "100%", "--allow-empty-source"],
                in: dir
            )
            #expect(try allowed.status == .success && text("dst.jsonl", in: dir).isEmpty)
        }
    }

    @Test func diffFirstWithoutATerminalNeedsYes() async throws {
        try await withTemporaryDirectory { dir in
            try setUp(dir)
            let refused = await monk(["sync", "copy", "src.jsonl", "dst.jsonl", "--diff-first"], in: dir)
            #expect(refused.status.code == 8 && refused.err.contains("2 to insert, 1 to update, 1 to delete"))
            #expect(try text("dst.jsonl", in: dir) == Self.destination)
            let yes = await monk(["sync", "copy", "src.jsonl", "dst.jsonl", "--diff-first", "--yes"], in: dir)
            #expect(try yes.status == .success && text("dst.jsonl", in: dir) == Self.source)
        }
    }

    @Test(arguments: ["files", "jsonl"])
    func pullThenPushRoundTripsAndMirrorsWithOverwrite(layout: String) async throws {
        try await withTemporaryDirectory { dir in
            try setUp(dir)
            let pull = await monk(["sync", "pull", "src.jsonl", "./backup", "--layout", layout], in: dir)
            #expect(pull.status == .success, "\(pull.err)")
            let manifest = try text("backup/.monk.json", in: dir)
            #expect(manifest.contains(#""records": 3"#) && manifest.contains("sha256:"))
            let again = await monk(["sync", "pull", "dst.jsonl", "./backup", "--layout", layout], in: dir)
            #expect(again.status.code == 8 && again.err.contains("--overwrite"))
            try "".write(to: dir.appendingPathComponent("out.jsonl"), atomically: true, encoding: .utf8)
            let push = await monk(["sync", "push", "./backup", "out.jsonl", "--json"], in: dir)
            #expect(push.status == .success && push.out.contains(#""inserted":3"#), "\(push.err)")
            #expect(try text("out.jsonl", in: dir) == Self.source)
            let mirror = await monk(
                [
                    "sync", "pull", "dst.jsonl", "./backup", "--layout", layout, "--overwrite", "--max-delete", "2",
                    "--json",
                ],
                in: dir
            )
            #expect(mirror.status == .success && mirror.out.contains(#""deleted":2"#), "\(mirror.err)")
            let back = await monk(["sync", "push", "./backup", "out.jsonl", "--max-delete", "100%"], in: dir)
            #expect(try back.status == .success && text("out.jsonl", in: dir) == Self.destination)
        }
    }

    @Test func pullWritesPrettyFilesPerRecord() async throws {
        try await withTemporaryDirectory { dir in
            try setUp(dir)
            #expect(await monk(["sync", "pull", "src.jsonl", "./users"], in: dir).status == .success)
            #expect(try text("users/b.json", in: dir) == "{\n  \"id\": \"b\",\n  \"n\": 2\n}\n")
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("users").path)
            #expect(Set(names) == [".monk.json", "a.json", "b.json", "c.json"])
        }
    }

    @Test func pullDryRunCreatesNothing() async throws {
        try await withTemporaryDirectory { dir in
            try setUp(dir)
            let result = await monk(["sync", "pull", "src.jsonl", "./none", "--dry-run", "--json"], in: dir)
            #expect(result.status == .success && result.out.contains(#""inserted":3"#), "\(result.err)")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("none").path))
        }
    }
}
