import Foundation
import MonkCLI
import MonkTestSupport
import Testing

/// Bad records, paths and patches end with the exit status and a message naming file and line (DESIGN.md §12).
@Suite struct BadInputTests {
    @Test(arguments: [
        ("{\"id\":\"a\"}\n{\"id\":\"a\"}\n", "a.jsonl:2: duplicate id 'a'"),
        ("{\"id\":\"a\"}\n{\"name\":\"x\"}\n", "a.jsonl:2: record has no \"id\""),
        ("{\"id\":7}\n", "a.jsonl:1: record \"id\" is a number, expected a string"),
        ("{\"id\":\"a\"}\n{\"id\":\"b\",}\n", "a.jsonl:2: invalid JSON"),
        ("[1]\n", "a.jsonl:1: record is an array, expected an object"),
        ("{\"id\":\"b\"}\n{\"id\":\"a\"}\n{\"id\":\"b\"}\n", "a.jsonl:3: duplicate id 'b' (also on line 1)"),
    ])
    func malformedRecordsExitSevenNamingFileAndLine(content: String, message: String) async throws {
        try await withTemporaryDirectory { dir in
            try content.write(to: dir.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
            try "".write(to: dir.appendingPathComponent("b.jsonl"), atomically: true, encoding: .utf8)
            let result = await runSync(["sync", "diff", "a.jsonl", "b.jsonl"], in: dir)
            #expect(result.status == .badInput)
            #expect(result.err.contains(message), "stderr: \(result.err)")
        }
    }

    @Test(arguments: [
        ["sync", "diff", "missing.jsonl", "b.jsonl"],
        ["sync", "diff", "b.jsonl", "./nowhere/"],
        ["sync", "patch", "missing.patch", "b.jsonl"],
        ["sync", "patch", "p.patch", "missing.jsonl"],
    ])
    func missingPathsExitThree(arguments: [String]) async throws {
        try await withTemporaryDirectory { dir in
            try "".write(to: dir.appendingPathComponent("b.jsonl"), atomically: true, encoding: .utf8)
            _ = await runSync(["sync", "diff", "b.jsonl", "b.jsonl", "-o", "p.patch"], in: dir)
            let result = await runSync(arguments, in: dir)
            #expect(result.status == .notFound, "stderr: \(result.err)")
        }
    }

    @Test func unsortedFilesAreIndexedAndStillCompare() async throws {
        try await withTemporaryDirectory { dir in
            let unsorted = "{\"id\":\"c\",\"n\":1}\n{\"id\":\"a\",\"n\":1}\n{\"id\":\"b\",\"n\":1}\n"
            try unsorted.write(to: dir.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
            let sorted = "{\"id\":\"a\",\"n\":1}\n{\"id\":\"b\",\"n\":2}\n"
            try sorted.write(to: dir.appendingPathComponent("b.jsonl"), atomically: true, encoding: .utf8)
            let result = await runSync(["sync", "diff", "a.jsonl", "b.jsonl", "--format", "detailed"], in: dir)
            #expect(result.status == .differences)
            #expect(result.out.contains("+ b/c") && result.out.contains("~ b/b: n"), "out: \(result.out)")
        }
    }

    @Test(arguments: [
        ("{\"version\":\"1.0\",\"operations\":[{\"op\":\"insert\",\"id\":\"a\"}]}", 7),
        ("{\"version\":\"1.0\",\"operations\":[", 7),
        ("not json", 7),
        (
            "{\"version\":\"1.0\",\"operations\":[{\"op\":\"insert\",\"id\":\"b\",\"record\":{\"id\":\"b\"}},"
                + "{\"op\":\"insert\",\"id\":\"a\",\"record\":{\"id\":\"a\"}}]}",
            7
        ),
    ])
    func malformedPatchesExitSeven(patch: String, status: Int32) async throws {
        try await withTemporaryDirectory { dir in
            try patch.write(to: dir.appendingPathComponent("p.patch"), atomically: true, encoding: .utf8)
            try "".write(to: dir.appendingPathComponent("b.jsonl"), atomically: true, encoding: .utf8)
            let result = await runSync(["sync", "patch", "p.patch", "b.jsonl"], in: dir)
            #expect(result.status.code == status, "stderr: \(result.err)")
            #expect(result.err.contains("p.patch"))
        }
    }
}
