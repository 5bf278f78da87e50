import MonkCore
import MonkTestSupport
import Testing

/// One canonicalizer reused over a stream, as sync sources use it: after a document that needed rewriting it
/// skips the checking pass, and it must switch back when canonical input returns. Every answer must match the
/// tree-based path (``JSONParser`` then ``JSONValue/canonicalBytes``) and a fresh canonicalizer, whatever the
/// spelling of the documents before it.
@Suite struct CanonicalizerStreamTests {
    @Test(arguments: 1...100)
    func aReusedCanonicalizerAgreesWithTheTreeOnMixedStreams(seed: Int) throws {
        var random = SeededGenerator(seed: seed)
        var generator = JSONValueGenerator(seed: seed)
        var writer = NoisyJSONWriter(seed: seed)
        var reused = Canonicalizer()
        for index in 0..<40 {
            let value = generator.value()
            let text: String
            switch Int.random(in: 0..<5, using: &random) {
            case 0, 1: text = String(decoding: value.canonicalBytes, as: UTF8.self)
            case 2: text = writer.write(value) + " ,"
            default: text = writer.write(value)
            }
            var fresh = Canonicalizer()
            let expected = Result { () throws(JSONError) in try fresh.canonicalize(text) }
            let actual = Result { () throws(JSONError) in try reused.canonicalize(text) }
            switch (expected, actual) {
            case (.success(let bytes), .success(let reusedBytes)):
                #expect(bytes == value.canonicalBytes, "seed \(seed) #\(index): \(text.debugDescription)")
                #expect(reusedBytes == bytes, "seed \(seed) #\(index): \(text.debugDescription)")
            case (.failure(let error), .failure(let reusedError)):
                #expect(reusedError.code == error.code && reusedError.offset == error.offset, "seed \(seed) #\(index)")
            default:
                Issue.record("seed \(seed) #\(index): \(expected) vs \(actual) for \(text.debugDescription)")
            }
        }
    }

    @Test(arguments: 1...100)
    func aReusedRecordCanonicalizerHashesLikeTheTree(seed: Int) throws {
        var random = SeededGenerator(seed: seed)
        var generator = JSONValueGenerator(seed: seed)
        var writer = NoisyJSONWriter(seed: seed)
        let selections = [FieldSelection.default, .everything, FieldSelection(ignoreFields: ["a", "b.c"])]
        let selection = selections[seed % selections.count]
        var records = RecordCanonicalizer(selection: selection)
        for index in 0..<40 {
            var object = generator.object(depth: 3)
            object["id"] = .string("r\(index)")
            if Bool.random(using: &random) { object["updated_at"] = "2026-11-24T10:30:00Z" }
            let value = JSONValue.object(object)
            let text =
                Bool.random(using: &random)
                ? String(decoding: value.canonicalBytes, as: UTF8.self) : writer.write(value)
            let record = try records.record(from: text)
            let expected = try CanonicalRecord(object: object, selection: selection)
            #expect(record == expected, "seed \(seed) #\(index): \(text.debugDescription)")
        }
    }
}
