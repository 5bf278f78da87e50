import MonkCore
import Testing

@Suite struct JSONLReaderTests {
    private func lines(_ text: String, chunk: Int) throws -> [String] {
        var reader = JSONLReader.over(Array(text.utf8), chunk: chunk, maximumLineLength: 1 << 20)
        var result: [String] = []
        while let line = try reader.next() {
            result.append("\(line.number):\(String(decoding: line.bytes, as: UTF8.self))")
        }
        return result
    }

    @Test(arguments: [1, 2, 3, 7, 64, 1 << 20])
    func splitsLinesAcrossChunkBoundaries(chunk: Int) throws {
        let text = "{\"a\":1}\r\n\n   \n{\"b\":\"long line here\"}\n\r\n{\"c\":3}"
        #expect(try lines(text, chunk: chunk) == ["1:{\"a\":1}", "4:{\"b\":\"long line here\"}", "6:{\"c\":3}"])
    }

    @Test(arguments: [1, 5, 4096])
    func handlesEmptyAndNewlineOnlyInput(chunk: Int) throws {
        #expect(try lines("", chunk: chunk).isEmpty)
        #expect(try lines("\n\r\n \n", chunk: chunk).isEmpty)
        #expect(try lines("x\n", chunk: chunk) == ["1:x"])
    }

    @Test(arguments: [3, 16, 100])
    func rejectsLinesOverTheLimit(chunk: Int) throws {
        let text = Array("short\n\(String(repeating: "x", count: 40))\nnever".utf8)
        var reader = JSONLReader.over(text, chunk: chunk, maximumLineLength: 10)
        #expect(try reader.next()?.number == 1)
        let error = try #require(throws: JSONError.self) { try reader.next() }
        #expect(error.code == .tooLarge)
        #expect(error.line == 2)
        #expect(error.offset == 6)
    }

    @Test func linesMayBeLongerThanTheChunk() throws {
        let long = String(repeating: "ab", count: 5000)
        #expect(try lines("\(long)\n\(long)", chunk: 100) == ["1:\(long)", "2:\(long)"])
    }

    @Test func passesReadErrorsThrough() {
        struct Broken: Error {}
        var reader = JSONLReader { _ in throw Broken() }
        #expect(throws: Broken.self) { try reader.next() }
    }
}
