import Foundation
import MonkArchive
import MonkCore
import MonkTestSupport
import Testing

@Suite struct JSONLFileReaderTests {
    /// A line as number and bytes (MonkCore's `JSONLReader.Line` shares the reader's buffer and is not Equatable).
    private struct Line: Equatable {
        var number: Int
        var bytes: [UInt8]
    }

    private func lines(
        of content: [UInt8],
        maximumLineLength: Int = 1 << 26,
        chunkSize: Int = JSONLReader.defaultChunkSize
    ) async throws -> [Line] {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("users.jsonl").path
            try Foundation.Data(content).write(to: URL(fileURLWithPath: path))
            let reader = try JSONLFileReader(path: path, maximumLineLength: maximumLineLength, chunkSize: chunkSize)
            var result: [Line] = []
            try reader.forEachLine { result.append(Line(number: $0.number, bytes: Array($0.bytes))) }
            #expect(try reader.next() == nil)
            return result
        }
    }

    private func line(_ number: Int, _ text: String) -> Line {
        Line(number: number, bytes: Array(text.utf8))
    }

    @Test(arguments: [1, 3, 1 << 20])
    func linesCarryOneBasedNumbersAndSkipBlanks(chunkSize: Int) async throws {
        let content = Array("{\"a\":1}\r\n\n   \r\n{\"b\":2}\n\t\n{\"c\":3}".utf8)
        let expected = [line(1, "{\"a\":1}"), line(4, "{\"b\":2}"), line(6, "{\"c\":3}")]
        #expect(try await lines(of: content, chunkSize: chunkSize) == expected)
        #expect(try await lines(of: Array("x\n".utf8), chunkSize: chunkSize) == [line(1, "x")])
        #expect(try await lines(of: [], chunkSize: chunkSize) == [])
        #expect(try await lines(of: Array("\n\r\n".utf8), chunkSize: chunkSize) == [])
        #expect(try await lines(of: Array("a\r\r\n".utf8), chunkSize: chunkSize) == [line(1, "a\r")])
    }

    @Test(arguments: [64, JSONLReader.defaultChunkSize])
    func linesLongerThanTheChunkAreReassembled(chunkSize: Int) async throws {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: chunkSize + chunkSize / 2 + 17)
        let exact = [UInt8](repeating: UInt8(ascii: "y"), count: chunkSize - 1)
        var content = Array("{}\n".utf8) + long + Array("\r\n".utf8) + exact + [UInt8(ascii: "\n")]
        content += Array("z".utf8)
        let result = try await lines(of: content, chunkSize: chunkSize)
        #expect(result.map(\.number) == [1, 2, 3, 4])
        #expect(result.map(\.bytes.count) == [2, long.count, exact.count, 1])
        #expect(result.count == 4 && result[1].bytes == long && result[2].bytes == exact)
    }

    @Test func aLineOverTheLimitNamesFileAndLine() async throws {
        let content = Array("ok\n12345\n1234567890\n".utf8)
        let error = try await #require(throws: ArchiveError.self) {
            try await lines(of: content, maximumLineLength: 5)
        }
        #expect(error.code == .invalidData)
        #expect(error.message.hasSuffix("users.jsonl:3: line longer than 5 bytes"))
        let unterminated = Array("ok\n".utf8) + [UInt8](repeating: 0x61, count: 3_000)
        let big = try await #require(throws: ArchiveError.self) {
            try await lines(of: unterminated, maximumLineLength: 1_000, chunkSize: 256)
        }
        #expect(big.message.hasSuffix("users.jsonl:2: line longer than 1000 bytes"))
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
