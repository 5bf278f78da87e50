import MonkCore
import Testing

/// ``RecordCanonicalizer/appendRecord(from:to:)`` (the allocation-free path sync diffs read JSONL with) reads
/// every line exactly as ``RecordCanonicalizer/record(from:)-(String)`` does: the same canonical bytes, id and
/// hash, or the same error, and on error it leaves the buffer as it was.
@Suite struct RecordCanonicalizerPackingTests {
    static let selections: [FieldSelection] = [
        .default,
        FieldSelection(compareSystemFields: true),
        FieldSelection(fields: ["id", "name"]),
        FieldSelection(ignoreFields: ["score", "meta.note"]),
    ]

    @Test(arguments: 1...300)
    func packingReadsEveryLineLikeTheGeneralPath(seed: Int) throws {
        var lines = LineGenerator(seed: seed)
        let selection = Self.selections[seed % Self.selections.count]
        var general = RecordCanonicalizer(selection: selection)
        var packing = RecordCanonicalizer(selection: selection)
        var buffer: [UInt8] = Array("previous bytes".utf8)
        for _ in 0..<12 {
            let line = lines.next()
            let expected = Result { () throws(RecordError) in try general.record(from: line) }
            let before = buffer
            var text = line
            let packed = text.withUTF8 { utf8 in
                Result { () throws(RecordError) in
                    try packing.appendRecord(from: UnsafeRawBufferPointer(utf8), to: &buffer)
                }
            }
            switch (expected, packed) {
            case (.success(let record), .success(let entry)):
                #expect(Array(buffer[entry.bytes]) == record.bytes, "seed \(seed): \(line)")
                #expect(String(decoding: buffer[entry.id], as: UTF8.self) == record.id, "seed \(seed): \(line)")
                #expect(entry.hash == record.hash, "seed \(seed): \(line)")
                // Both agree with the definition: the hash of the selected object's canonical bytes.
                let object = try #require(try JSONParser.parse(line).objectValue)
                #expect(record.hash == RecordHash(hashing: selection.apply(to: object).canonicalBytes))
                #expect(entry.bytes.lowerBound == before.count && Array(buffer[..<before.count]) == before)
            case (.failure(let error), .failure(let packedError)):
                #expect(packedError.code == error.code && packedError.message == error.message, "seed \(seed)")
                #expect(buffer == before, "seed \(seed): a failed line changed the buffer")
            default:
                Issue.record("seed \(seed): the paths disagree on \(line): \(expected) vs \(packed)")
            }
        }
    }
}

/// JSON lines from a seed: canonical records and records spelled otherwise (key order, whitespace, number
/// spellings, escapes), ids with escapes, and lines either path must reject (missing, empty, non-string ids,
/// non-objects, broken JSON).
private struct LineGenerator {
    private var state: UInt64

    init(seed: Int) { state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 }

    private mutating func random(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((value ^ (value >> 31)) % UInt64(bound))
    }

    private mutating func pick(_ choices: [String]) -> String { choices[random(choices.count)] }

    mutating func next() -> String {
        let number = random(1000)
        let id = pick([
            #""u1""#, #""a-\#(number)""#, #""\u0061b""#, #""q\"uote""#, #""é""#, #""\u00e9""#, #""x\\y""#,
            #""""#, "7", "null", #"["a"]"#,
        ])
        var members = [
            #""id":\#(id)"#,
            #""name":\#(pick([#""Ada""#, #""Zo\u00eb""#, #""tab\there""#, #""\/slash""#]))"#,
            #""score":\#(pick(["1.50", "1.5", "-0.0", "1e2", "100", "12345678901234567890"]))"#,
            #""updated_at":"2026-01-0\#(random(9) + 1)T00:00:00Z""#,
            #""meta":{"note":\#(pick(["null", "true", #""n""#])),"z":[1,2]}"#,
            #""access_read":[]"#,
        ]
        if random(5) == 0 { members.remove(at: 0) }
        if random(3) == 0 { members.sort() } else if random(2) == 0 { members.reverse() }
        let separator = random(4) == 0 ? ", " : ","
        var line = "{" + members.joined(separator: separator) + "}"
        switch random(12) {
        case 0: line = " " + line + " "
        case 1: line.removeLast()
        case 2: line = "[" + line + "]"
        case 3: line = pick(["42", #""text""#, "null", "{}"])
        default: break
        }
        return line
    }
}
