import MonkCore
import MonkTestSupport
import Testing

@Suite struct CanonicalRecordTests {
    @Test func canonicalizesAndHashesSelectedFields() throws {
        let record = try CanonicalRecord(json: #"{ "name": "Ada", "id": "u1", "updated_at": "2026-01-01" }"#)
        #expect(record.id == "u1")
        #expect(record.canonicalString == #"{"id":"u1","name":"Ada","updated_at":"2026-01-01"}"#)
        #expect(record.hash == RecordHash(hashing: Array(#"{"id":"u1","name":"Ada"}"#.utf8)))
        let everything = try CanonicalRecord(json: record.canonicalString, selection: .everything)
        #expect(everything.hash == RecordHash(hashing: record.bytes))
    }

    @Test(arguments: [
        (#"[1]"#, RecordError.Code.notAnObject, "record is an array, expected an object"),
        (#""x""#, .notAnObject, "record is a string, expected an object"),
        (#"{"name":"x"}"#, .missingID, #"record has no "id""#),
        (#"{"id":5}"#, .invalidID, #"record "id" is a number, expected a string"#),
        (#"{"id":null}"#, .invalidID, #"record "id" is null, expected a string"#),
        (#"{"id":""}"#, .invalidID, #"record "id" is empty"#),
        (#"{"id":"a","id":"b"}"#, .invalidJSON, #"invalid JSON at line 1, column 11 (byte 10): duplicate key "id""#),
    ])
    func rejectsRecordsWithoutAStringID(json: String, code: RecordError.Code, message: String) {
        do {
            _ = try CanonicalRecord(json: json)
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.code == code)
            #expect(error.message == message)
        }
    }

    @Test func decodesEscapedIDs() throws {
        #expect(try CanonicalRecord(json: #"{"id":"a\u00e9\"b"}"#).id == "aé\"b")
    }

    /// Key order, whitespace, escapes and number spelling never change bytes or hash; the fast paths agree with
    /// hashing the selected tree.
    @Test(arguments: 1...100)
    func spellingNeverChangesTheHash(seed: Int) throws {
        var builder = RecordBuilder(seed: seed)
        var generator = JSONValueGenerator(seed: seed)
        var writer = NoisyJSONWriter(seed: seed)
        var account = builder.account(index: seed)
        account["extra"] = generator.anyValue(depth: 2)
        let canonical = try CanonicalRecord(object: account)
        let noisy = writer.write(.object(account))
        let selections = [
            FieldSelection.default, .everything, FieldSelection(fields: ["name", "balance"]),
            FieldSelection(ignoreFields: ["address.zip", "tags"]),
        ]
        for selection in selections {
            var records = RecordCanonicalizer(selection: selection)
            let fromCanonical = try records.record(from: canonical.bytes)
            let fromNoisy = try records.record(from: noisy)
            let expected = RecordHash(hashing: selection.apply(to: account).canonicalBytes)
            #expect(fromCanonical.hash == expected, "seed \(seed) \(selection)")
            #expect(fromNoisy.hash == expected, "seed \(seed) \(selection)")
            #expect(fromNoisy.bytes == canonical.bytes, "seed \(seed)")
            #expect(fromNoisy.id == RecordBuilder.id(seed))
        }
    }

    @Test func hashesKeysWithEscapesByTheirBytes() throws {
        let json = #"{"id":"x","a\"b":1,"created_at":"t","\u0001":2}"#
        let record = try CanonicalRecord(json: json)
        #expect(record.hash == RecordHash(hashing: Array(#"{"\u0001":2,"a\"b":1,"id":"x"}"#.utf8)))
    }
}
