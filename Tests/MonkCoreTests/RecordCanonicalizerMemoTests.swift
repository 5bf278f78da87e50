import MonkCore
import Testing

/// A ``RecordCanonicalizer`` remembers which top-level keys its selection kept; a record whose keys only look
/// like the previous record's (same first bytes, same length, escaped, long) must still hash on its own keys.
@Suite struct RecordCanonicalizerMemoTests {
    @Test(arguments: [
        (#"{"created_at":"x","id":"1"}"#, #"{"created_ax":"x","id":"1"}"#),
        (#"{"created_ax":"x","id":"1"}"#, #"{"created_at":"x","id":"1"}"#),
        (#"{"access_read":[],"id":"1"}"#, #"{"access_reax":[],"id":"1"}"#),
        (#"{"id":"1","updated_at":"x"}"#, #"{"id":"1","updated_at_and_more_x":"x"}"#),
        (#"{"id":"1","updated_at_and_more_x":"x"}"#, #"{"id":"1","updated_at_and_more_y":"x"}"#),
        (#"{"id":"1","trashed_at":"x"}"#, #"{"id":"1","trashed\u005fat":"x"}"#),
        (#"{"a":1,"created_at":"x","id":"1"}"#, #"{"a":1,"id":"1","zz":2}"#),
        (#"{"id":"1","name":"x"}"#, #"{"id":"1"}"#),
        (#"{"id":"1"}"#, #"{"created_at":"x","id":"1","name":"y"}"#),
    ])
    func aReusedCanonicalizerHashesLikeAFreshOne(first: String, second: String) throws {
        var records = RecordCanonicalizer(selection: .default)
        _ = try records.record(from: first)
        let reused = try records.record(from: second)
        #expect(reused.hash == (try CanonicalRecord(json: second)).hash)
        // And the other way round, so both orders of every pair are covered.
        var reversed = RecordCanonicalizer(selection: .default)
        _ = try reversed.record(from: second)
        #expect(try reversed.record(from: first).hash == (try CanonicalRecord(json: first)).hash)
    }

    @Test func aDroppedFieldIsDroppedEveryTime() throws {
        var records = RecordCanonicalizer(selection: FieldSelection(ignoreFields: ["email"]))
        let expected = RecordHash(hashing: Array(#"{"id":"1","name":"x"}"#.utf8))
        for _ in 0..<3 {
            let record = try records.record(from: #"{"email":"e","id":"1","name":"x","updated_at":"t"}"#)
            #expect(record.hash == expected)
        }
    }
}
