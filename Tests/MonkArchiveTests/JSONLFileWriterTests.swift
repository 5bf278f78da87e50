import Foundation
import MonkArchive
import MonkCore
import MonkTestSupport
import Testing

@Suite struct JSONLFileWriterTests {
    @Test func linesAppearOnlyAfterCloseAndReadBack() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("users.jsonl").path
            let writer = try JSONLFileWriter(path: path, mode: 0o600)
            let records = (0..<5_000).map { "{\"id\":\"\($0)\",\"name\":\"user \($0)\"}" }
            for record in records { try writer.write(line: Array(record.utf8)) }
            #expect(!FileManager.default.fileExists(atPath: path))
            try writer.close()
            #expect(writer.lineCount == 5_000)
            let reader = try JSONLFileReader(path: path)
            var read: [String] = []
            try reader.forEachLine { read.append(String(decoding: $0.bytes, as: UTF8.self)) }
            #expect(read == records)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasSuffix("}\n") && !text.contains("\r"))
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect(attributes[.posixPermissions] as? Int == 0o600)
        }
    }

    @Test func valuesAreWrittenAsCanonicalLines() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("tasks.jsonl").path
            let writer = try JSONLFileWriter(path: path)
            let first: JSONValue = ["title": "a\nb", "id": "1", "n": .number(JSONNumber("1.50") ?? 0)]
            try writer.write(first)
            try writer.write(["id": "2", "tags": [], "done": nil])
            try writer.close()
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text == "{\"id\":\"1\",\"n\":1.5,\"title\":\"a\\nb\"}\n{\"done\":null,\"id\":\"2\",\"tags\":[]}\n")
            #expect(writer.lineCount == 2)
        }
    }

    @Test(arguments: ["", "{\"a\":\n1}", "{}\r"])
    func aLineBreakOrEmptyLineIsRefusedAndNothingIsLeft(_ bad: String) async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("users.jsonl").path
            let writer = try JSONLFileWriter(path: path)
            try writer.write(line: Array("{}".utf8))
            let error = try #require(throws: ArchiveError.self) { try writer.write(line: Array(bad.utf8)) }
            #expect(error.code == .invalidData)
            #expect(error.message.hasPrefix(path + ":2: cannot write "))
            #expect(throws: ArchiveError.self) { try writer.close() }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [])
        }
    }
}
