import MonkCore
import MonkTestSupport
import Testing

@Suite struct RecordHashTests {
    @Test func isTheFirstSixteenBytesOfSHA256() {
        // SHA-256("") = e3b0c44298fc1c149afbf4c8996fb924 27ae41e4649b934ca495991b7852b855
        #expect(RecordHash(hashing: []).hex == "e3b0c44298fc1c149afbf4c8996fb924")
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223 b00361a396177a9cb410ff61f20015ad
        #expect(RecordHash(hashing: Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223")
    }

    @Test(arguments: [
        "00000000000000000000000000000000", "ffffffffffffffffffffffffffffffff", "0123456789abcdef0011223344556677",
    ])
    func roundTripsHex(hex: String) throws {
        let hash = try #require(RecordHash(hex: hex))
        #expect(hash.hex == hex)
        #expect(RecordHash(hex: hex.uppercased()) == hash)
        #expect(hash.bytes.count == 16)
        let digits: [String] = hash.bytes.map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }
        #expect(digits.joined() == hex)
    }

    @Test(arguments: [
        "", "0", "0123456789abcdef0011223344556677a", "0123456789abcdef001122334455667g",
        " 0123456789abcdef001122334455667",
    ])
    func rejectsMalformedHex(hex: String) {
        #expect(RecordHash(hex: hex) == nil)
    }

    @Test func segmentDigestSumsModulo2To128() throws {
        #expect(SegmentDigest().hex == String(repeating: "0", count: 32))
        #expect(SegmentDigest.algorithm == "monk-sha256-128-sum-v1")
        let max = try #require(RecordHash(hex: "ffffffffffffffffffffffffffffffff"))
        let lowCarry = try #require(RecordHash(hex: "0000000000000000ffffffffffffffff"))
        let one = try #require(RecordHash(hex: "00000000000000000000000000000001"))
        #expect(SegmentDigest([max, one]).hex == String(repeating: "0", count: 32))
        #expect(SegmentDigest([lowCarry, one]).hex == "00000000000000010000000000000000")
        #expect(SegmentDigest([max, one]).count == 2)
    }

    @Test(arguments: 1...20)
    func segmentDigestIgnoresOrderAndCombines(seed: Int) {
        var random = SeededGenerator(seed: seed)
        let hashes = (0..<50).map { _ in RecordHash(high: random.next(), low: random.next()) }
        let digest = SegmentDigest(hashes)
        #expect(SegmentDigest(hashes.shuffled(using: &random)) == digest)
        let split = Int.random(in: 0...50, using: &random)
        #expect(SegmentDigest(hashes[..<split]).combined(with: SegmentDigest(hashes[split...])) == digest)
        #expect(SegmentDigest(hex: digest.hex, count: digest.count) == digest)
    }
}
