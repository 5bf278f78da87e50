import MonkCore
import Testing

/// The word-at-a-time line splitting of ``JSONLReader`` agrees with a plain byte-by-byte splitter on generated
/// input: line feeds at every offset and chunk boundary, `\r\n`, blank lines, and bytes that differ from `\n`
/// in one bit (0x0B, 0x8A, 0x0E), which a faulty word test would take for line feeds.
@Suite struct JSONLReaderPropertyTests {
    @Test(arguments: 1...120)
    func agreesWithAPlainSplitter(seed: Int) throws {
        var random = Mix(seed: UInt64(seed))
        let alphabet: [UInt8] = [0x0A, 0x0A, 0x0D, 0x20, 0x09, 0x0B, 0x8A, 0x0E, 0x7B, 0x61, 0x22, 0x7D]
        let text = (0..<random.below(400)).map { _ in alphabet[random.below(alphabet.count)] }
        let chunk = 1 + random.below(seed % 3 == 0 ? 64 : 12)
        var reader = JSONLReader.over(text, chunk: chunk)
        var read: [String] = []
        while let line = try reader.next() { read.append("\(line.number):\(Array(line.bytes))") }
        #expect(read == Self.plainLines(text), "seed \(seed), chunk \(chunk)")
    }

    /// Splits at every `\n`, drops one trailing `\r`, skips blank lines, numbers the rest from 1.
    private static func plainLines(_ text: [UInt8]) -> [String] {
        var pieces = text.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if text.last == 0x0A || text.isEmpty { pieces.removeLast() }
        var lines: [String] = []
        for (index, piece) in pieces.enumerated() {
            let line = piece.last == 0x0D ? Array(piece.dropLast()) : piece
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            lines.append("\(index + 1):\(line)")
        }
        return lines
    }
}

/// SplitMix64, so that a failing seed reproduces.
private struct Mix {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 }

    mutating func below(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
