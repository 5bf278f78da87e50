import Foundation
import MonkCLI
import MonkCore
import MonkSync
import MonkTestSupport
import Testing

/// Every `sync diff` format and a patch file, compared with the files in Golden/ (STYLE.md §4).
@Suite struct SyncGoldenTests {
    static let source = """
        {"id":"u1","name":"Ada","email":"ada@example.com","tags":["math","code"],"updated_at":"2026-02-01"}
        {"id":"u2","name":"Grace","email":"grace@example.com","age":85}
        {"id":"u4","name":"Alan","address":{"city":"London","zip":"NW1"}}

        """
    static let destination = """
        {"id":"u1","name":"Ada","email":"ada@old.example.com","tags":["math"],"updated_at":"2026-01-01"}
        {"id":"u3","name":"Edsger","email":"ewd@example.com"}
        {"id":"u4","name":"Alan","address":{"city":"London","zip":"NW1"},"retired":true}

        """

    @Test(arguments: ["summary", "detailed", "unified", "side-by-side", "json"])
    func diffFormat(format: String) async throws {
        try await withTemporaryDirectory { dir in
            try Self.source.write(to: dir.appendingPathComponent("users.jsonl"), atomically: true, encoding: .utf8)
            try FileManager.default.createDirectory(
                at: dir.appendingPathComponent("backup"),
                withIntermediateDirectories: true
            )
            try Self.destination.write(
                to: dir.appendingPathComponent("backup/users.jsonl"),
                atomically: true,
                encoding: .utf8
            )
            let result = await runSync(
                ["sync", "diff", "users.jsonl", "backup/users.jsonl", "--format", format],
                in: dir,
                environment: ["COLUMNS": "160"]
            )
            #expect(result.status == .differences)
            #expect(result.err.isEmpty)
            let output = result.out.replacing(/"created_at": "[^"]*"/, with: #""created_at": "<now>""#)
            try expectGolden(output, named: "sync-diff-\(format)")
        }
    }

    @Test func patchFile() async throws {
        try await withTemporaryDirectory { dir in
            let a = dir.appendingPathComponent("users.jsonl").path
            let b = dir.appendingPathComponent("old.jsonl").path
            try Self.source.write(toFile: a, atomically: true, encoding: .utf8)
            try Self.destination.write(toFile: b, atomically: true, encoding: .utf8)
            let patch = dir.appendingPathComponent("change.patch").path
            _ = try await LocalDiff(selection: .init(ignoreFields: ["address.zip"])).run(
                from: try LocalEndpoint(parsing: a),
                to: try LocalEndpoint(parsing: b),
                patchPath: patch,
                createdAt: "2026-11-24T10:30:00Z",
                generator: "monk 0.1.0"
            )
            let text = try String(contentsOfFile: patch, encoding: .utf8).replacingOccurrences(
                of: dir.path + "/",
                with: ""
            )
            try expectGolden(text, named: "patch-file", ext: "patch")
        }
    }

    @Test func diffWithOutputWritesThePatchAndSaysHowToApplyIt() async throws {
        try await withTemporaryDirectory { dir in
            try Self.source.write(to: dir.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
            try Self.destination.write(to: dir.appendingPathComponent("b.jsonl"), atomically: true, encoding: .utf8)
            let diff = await runSync(["sync", "diff", "a.jsonl", "b.jsonl", "-o", "p.patch"], in: dir)
            #expect(diff.status == .differences)
            #expect(diff.err.contains("Apply it with: monk sync patch p.patch b.jsonl"))
            let dry = await runSync(["sync", "patch", "p.patch", "b.jsonl", "--dry-run"], in: dir)
            #expect(dry.status == .success)
            #expect(dry.out == "Would apply p.patch to b.jsonl: 1 inserted, 2 updated, 1 deleted\n")
            let apply = await runSync(["sync", "patch", "p.patch", "b.jsonl"], in: dir)
            #expect(apply.status == .success)
            #expect(await runSync(["sync", "diff", "a.jsonl", "b.jsonl"], in: dir).status == .success)
            let undo = await runSync(["sync", "patch", "-R", "p.patch", "b.jsonl"], in: dir)
            #expect(undo.status == .success, "stderr: \(undo.err)")
            #expect(await runSync(["sync", "diff", "a.jsonl", "b.jsonl"], in: dir).status == .differences)
        }
    }

    @Test func identicalEndpointsExitZero() async throws {
        try await withTemporaryDirectory { dir in
            try Self.destination.write(to: dir.appendingPathComponent("b.jsonl"), atomically: true, encoding: .utf8)
            let result = await runSync(["sync", "diff", "b.jsonl", "b.jsonl"], in: dir)
            #expect(result.status == .success)
            #expect(result.out.contains("No differences"))
        }
    }
}

/// The built binary, for what only a real process has: standard input.
@Suite struct SyncProcessTests {
    @Test func standardInputIsASourceInAnyOrder() async throws {
        try await withTemporaryDirectory { dir in
            let b = dir.appendingPathComponent("users.jsonl").path
            try "{\"id\":\"a\",\"n\":1}\n{\"id\":\"b\",\"n\":1}\n".write(toFile: b, atomically: true, encoding: .utf8)
            let result = try await MonkProcess.run(
                ["sync", "diff", "-", b, "--format", "detailed"],
                environment: ["MONK_CLI_CONFIG_DIR": dir.path],
                stdin: "{\"id\":\"c\",\"n\":1}\n{\"n\":1,\"id\":\"a\"}\n{\"id\":\"b\",\"n\":2}\n"
            )
            #expect(result.status == 1, "stderr: \(result.stderr)")
            #expect(result.stdout.contains("+ users/c") && result.stdout.contains("~ users/b: n"))
        }
    }

    @Test func standardInputCannotBePatched() async throws {
        try await withTemporaryDirectory { dir in
            let patch = dir.appendingPathComponent("p.patch").path
            try "{\"version\":\"1.0\",\"operations\":[]}".write(toFile: patch, atomically: true, encoding: .utf8)
            let result = try await MonkProcess.run(
                ["sync", "patch", patch, "-"],
                environment: ["MONK_CLI_CONFIG_DIR": dir.path]
            )
            #expect(result.status == 2 && result.stderr.contains("a patch needs a file or directory"))
        }
    }
}
