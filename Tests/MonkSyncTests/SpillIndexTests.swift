import Foundation
import MonkCore
import MonkTestSupport
import Testing

@testable import MonkSync

/// ``SpillIndex`` yields any JSONL stream in id order and rejects a repeated id naming both lines, whether
/// the records fit one in-memory run or are sorted externally across many.
@Suite struct SpillIndexTests {
    /// Run budgets from "everything in one run" down to a few records per run.
    static let runBudgets = [SpillIndex.defaultRunBytes, 4096, 300, 1]

    @Test(arguments: runBudgets)
    func yieldsEveryRecordInIdOrder(runBytes: Int) async throws {
        let ids = (0..<500).map { "r\(($0 * 7919) % 500)" }
        let lines = ids.map { "{\"id\":\"\($0)\",\"n\":\($0.count),\"text\":\"\(String(repeating: "x", count: 40))\"}" }
        try await withIndex(lines, runBytes: runBytes) { index in
            if runBytes < 4096 { #expect(index.runCount > 1) }
            #expect(index.count == 500)
            let source = IndexedRecordSource(endpoint: "a.jsonl", model: "m", index: index)
            var read: [ModelRecord] = []
            while let item = try await source.next() { read.append(item) }
            #expect(read.map(\.id) == ids.sorted(by: JSONObject.precedes))
            let expected = try lines.map { try CanonicalRecord(json: Array($0.utf8)) }
            let byID = Dictionary(uniqueKeysWithValues: expected.map { ($0.id, $0) })
            #expect(read.allSatisfy { byID[$0.id] == $0.record })
            #expect(read.allSatisfy { $0.model == "m" })
        }
    }

    @Test(arguments: runBudgets)
    func replaysForEverySource(runBytes: Int) async throws {
        let lines = ["{\"id\":\"c\"}", "{\"id\":\"a\"}", "{\"id\":\"b\"}"]
        try await withIndex(lines, runBytes: runBytes) { index in
            for _ in 0..<2 {
                let source = IndexedRecordSource(endpoint: "-", model: "", index: index)
                var ids: [String] = []
                while let item = try await source.next() { ids.append(item.id) }
                #expect(ids == ["a", "b", "c"])
            }
        }
    }

    @Test(arguments: runBudgets)
    func rejectsARepeatedIdNamingBothLines(runBytes: Int) async throws {
        let lines = ["{\"id\":\"b\"}", "{\"id\":\"c\"}", "{\"id\":\"d\"}", "{\"id\":\"a\"}", "{\"id\":\"b\",\"n\":1}"]
        await #expect {
            try await withIndex(lines, runBytes: runBytes) { _ in }
        } throws: { error in
            let error = error as? SyncError
            return error?.code == .invalidData
                && error?.message.hasSuffix("a.jsonl:5: duplicate id 'b' (also on line 1)") == true
        }
    }

    @Test func anEmptyStreamYieldsNothing() async throws {
        try await withIndex([], runBytes: 1) { index in
            #expect(index.count == 0)
            let source = IndexedRecordSource(endpoint: "-", model: "", index: index)
            let first = try await source.next()
            #expect(first == nil)
        }
    }

    private func withIndex(
        _ lines: [String],
        runBytes: Int,
        _ body: (SpillIndex) async throws -> Void
    ) async throws {
        try await withTemporaryDirectory { dir in
            let url = dir.appendingPathComponent("a.jsonl")
            try lines.map { $0 + "\n" }.joined().write(to: url, atomically: true, encoding: .utf8)
            let reader = JSONLRecordReader(file: try FileReader(path: url.path), selection: .default)
            try await body(try SpillIndex(reading: reader, runBytes: runBytes))
        }
    }
}
