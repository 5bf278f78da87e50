import MonkCore
import Testing

/// ``JSONLReader/withNextLine(_:)`` (the path sync diffs read JSONL files with, no `ArraySlice` per line) hands
/// out exactly the lines and numbers ``JSONLReader/next()`` returns, on generated input with line feeds at every
/// chunk boundary, `\r\n`, blank lines and near-line-feed bytes, and fails on the same over-long line.
@Suite struct JSONLReaderWithNextLineTests {
    @Test(arguments: 1...150)
    func yieldsWhatNextYields(seed: Int) throws {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15
        func below(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet: [UInt8] = [0x0A, 0x0A, 0x0D, 0x20, 0x09, 0x0B, 0x8A, 0x7B, 0x61, 0x22, 0x7D]
        let text = (0..<below(500)).map { _ in alphabet[below(alphabet.count)] }
        let chunk = 1 + below(seed % 3 == 0 ? 64 : 12)
        let limit = seed % 5 == 0 ? 6 : JSONLReader.defaultMaximumLineLength
        let general = Self.lines(text, chunk: chunk, limit: limit) { reader in
            try reader.next().map { "\($0.number):\(Array($0.bytes))" }
        }
        let fast = Self.lines(text, chunk: chunk, limit: limit) { reader in
            try reader.withNextLine { number, bytes in "\(number):\(Array(bytes))" }
        }
        #expect(fast == general, "seed \(seed), chunk \(chunk)")
    }

    /// The lines `take` reads from `text` fed in chunks, then `error: <message>` when it throws.
    private static func lines(
        _ text: [UInt8],
        chunk: Int,
        limit: Int,
        _ take: (inout JSONLReader) throws -> String?
    ) -> [String] {
        var reader = JSONLReader.over(text, chunk: chunk, maximumLineLength: limit)
        var read: [String] = []
        do {
            while let line = try take(&reader) { read.append(line) }
        } catch {
            read.append("error: \(error)")
        }
        return read
    }
}
