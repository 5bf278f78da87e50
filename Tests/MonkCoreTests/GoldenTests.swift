import Foundation
import MonkTestSupport
import Testing

/// `expectGolden` itself, run against a temporary directory standing in for a test file's folder.
@Suite struct GoldenTests {
    @Test func recordsAMissingFileThenComparesWithIt() async throws {
        try await withTemporaryDirectory { directory in
            let fakeTestFile = directory.appendingPathComponent("FakeTests.swift").path
            withKnownIssue("a missing golden file is recorded and reported") {
                try expectGolden("hello\n", named: "greeting", ext: "txt", filePath: fakeTestFile)
            }
            let written = directory.appendingPathComponent("Golden/greeting.txt")
            #expect(try String(contentsOf: written, encoding: .utf8) == "hello\n")
            try expectGolden("hello\n", named: "greeting", ext: "txt", filePath: fakeTestFile)
            withKnownIssue("a different output is reported") {
                try expectGolden("hullo\n", named: "greeting", ext: "txt", filePath: fakeTestFile)
            }
            #expect(try String(contentsOf: written, encoding: .utf8) == "hello\n")
        }
    }
}
