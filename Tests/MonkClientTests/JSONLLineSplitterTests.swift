import MonkClient
import Testing

@Suite struct JSONLLineSplitterTests {
    /// Splits `text` fed in chunks of `size` bytes.
    private func lines(_ text: String, chunkSize size: Int, limit: Int = 1 << 20) throws -> [String] {
        var splitter = JSONLLineSplitter(maximumLineLength: limit)
        var out: [String] = []
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + size)
            try bytes[offset..<end].withUnsafeBytes { chunk in
                try splitter.feed(chunk) { out.append(String(decoding: $0, as: UTF8.self)) }
            }
            offset = end
        }
        try splitter.finish { out.append(String(decoding: $0, as: UTF8.self)) }
        #expect(splitter.lineCount == out.count)
        return out
    }

    @Test(arguments: [1, 2, 3, 7, 64])
    func linesAreTheSameWhateverTheChunkSize(size: Int) throws {
        let text = "{\"id\":\"a\"}\n\r\n  \n{\"id\":\"b\"}\r\n{\"id\":\"é\"}"
        #expect(try lines(text, chunkSize: size) == [#"{"id":"a"}"#, #"{"id":"b"}"#, #"{"id":"é"}"#])
    }

    @Test func lineOverTheLimitIsABadResponse() {
        let error = #expect(throws: TransportError.self) {
            _ = try lines(String(repeating: "x", count: 100) + "\n", chunkSize: 10, limit: 50)
        }
        #expect(error?.code == .badResponse)
    }
}
