import Foundation
import MonkArchive
import MonkTestSupport
import Testing

@Suite struct JSONLFileReaderTests {
    private func lines(of content: [UInt8], maximumLineLength: Int = 1 << 26) async throws -> [JSONLFileReader.Line] {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("users.jsonl").path
            try Foundation.Data(content).write(to: URL(fileURLWithPath: path))
            let reader = try JSONLFileReader(path: path, maximumLineLength: maximumLineLength)
            var result: [JSONLFileReader.Line] = []
            try reader.forEachLine { result.append($0) }
            #expect(try reader.next() == nil)
            return result
        }
    }

    private func line(_ number: Int, _ text: String) -> JSONLFileReader.Line {
        JSONLFileReader.Line(number: number, bytes: Array(text.utf8))
    }

    @Test func linesCarryOneBasedNumbersAndSkipBlanks() async throws {
        let content = "{\"a\":1}\r\n\n   \r\n{\"b\":2}\n\t\n{\"c\":3}"
        #expect(
            try await lines(of: Array(content.utf8)) == [
                line(1, "{\"a\":1}"), line(4, "{\"b\":2}"), line(6, "{\"c\":3}"),
            ]
        )
        #expect(try await lines(of: Array("x\n".utf8)) == [line(1, "x")])
        #expect(try await lines(of: []) == [])
        #expect(try await lines(of: Array("\n\r\n".utf8)) == [])
        #expect(try await lines(of: Array("a\r\r\n".utf8)) == [line(1, "a\r")])
    }

    @Test func linesLongerThanTheChunkAreReassembled() async throws {
        let chunk = JSONLFileReader.chunkSize
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: chunk * 2 + 17)
        let exact = [UInt8](repeating: UInt8(ascii: "y"), count: chunk - 1)
        var content = Array("{}\n".utf8) + long + Array("\r\n".utf8) + exact + [UInt8(ascii: "\n")]
        content += Array("z".utf8)
        let result = try await lines(of: content)
        #expect(result.map(\.number) == [1, 2, 3, 4])
        #expect(result.map(\.bytes.count) == [2, long.count, exact.count, 1])
        #expect(result[1].bytes == long && result[2].bytes == exact)
    }

    @Test func aLineOverTheLimitNamesFileAndLine() async throws {
        let content = Array("ok\n12345\n1234567890\n".utf8)
        let error = try await #require(throws: ArchiveError.self) { try await lines(of: content, maximumLineLength: 5) }
        #expect(error.code == .invalidData)
        #expect(error.message.hasSuffix("users.jsonl:3: line longer than 5 bytes"))
        let unterminated = Array("ok\n".utf8) + [UInt8](repeating: 0x61, count: 3 << 20)
        let big = try await #require(throws: ArchiveError.self) {
            try await lines(of: unterminated, maximumLineLength: 1 << 20)
        }
        #expect(big.message.hasSuffix("users.jsonl:2: line longer than 1048576 bytes"))
    }

    @Test func aMissingFileIsNotFound() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("absent.jsonl").path
            let error = try #require(throws: ArchiveError.self) { try JSONLFileReader(path: path) }
            #expect(error.code == .notFound)
            #expect(error.message.hasPrefix(path + ": cannot open: "))
        }
    }
}
