import Foundation
import MonkCLI
import MonkTestSupport
import Testing

/// `-f/--filter`: only matching records take part, on both sides and when the patch is applied.
@Suite struct FilterTests {
    static let source = """
        {"id":"a","status":"paid","n":1}
        {"id":"b","status":"open","n":5}
        {"id":"c","status":"paid","n":3}

        """
    static let destination = """
        {"id":"a","status":"paid","n":2}
        {"id":"b","status":"open","n":6}
        {"id":"d","status":"open","n":4}

        """

    @Test func filterLimitsTheDiffAndTheApply() async throws {
        try await withTemporaryDirectory { dir in
            try Self.source.write(to: dir.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
            try Self.destination.write(to: dir.appendingPathComponent("b.jsonl"), atomically: true, encoding: .utf8)
            let filter = #"{"where": {"status": "paid"}}"#
            let diff = await runSync(
                ["sync", "diff", "a.jsonl", "b.jsonl", "-f", filter, "--format", "detailed", "-o", "p.patch"],
                in: dir
            )
            #expect(diff.status == .differences)
            #expect(diff.out.contains("~ b/a: n") && diff.out.contains("+ b/c") && !diff.out.contains("b/d"))
            let patch = try String(contentsOf: dir.appendingPathComponent("p.patch"), encoding: .utf8)
            #expect(patch.contains(#""metadata": {"filter": {"status": "paid"}"#))
            let apply = await runSync(["sync", "patch", "p.patch", "b.jsonl"], in: dir)
            #expect(apply.status == .success, "stderr: \(apply.err)")
            let result = try String(contentsOf: dir.appendingPathComponent("b.jsonl"), encoding: .utf8)
            let expected = """
                {"id":"a","n":1,"status":"paid"}
                {"id":"b","n":6,"status":"open"}
                {"id":"c","n":3,"status":"paid"}
                {"id":"d","n":4,"status":"open"}

                """
            #expect(result == expected)
            let again = await runSync(["sync", "diff", "a.jsonl", "b.jsonl", "-f", filter], in: dir)
            #expect(again.status == .success)
        }
    }

    @Test(arguments: ["not json", "[1]", #"{"n": {"$nope": 1}}"#])
    func badFiltersAreUsageErrors(filter: String) async throws {
        try await withTemporaryDirectory { dir in
            try Self.source.write(to: dir.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
            let result = await runSync(["sync", "diff", "a.jsonl", "a.jsonl", "-f", filter], in: dir)
            #expect(result.status == .usage)
            #expect(result.err.contains("--filter"))
        }
    }
}
