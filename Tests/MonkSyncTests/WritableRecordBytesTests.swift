import MonkCore
import MonkTestSupport
import Testing

@testable import MonkSync

/// The bulk body of a direct copy splices records' canonical bytes; it must keep exactly the members the
/// JSON-tree encoder keeps.
@Suite struct WritableRecordBytesTests {
    @Test(arguments: 1...200)
    func splicingAgreesWithTheTreeEncoder(seed: Int) throws {
        var generator = JSONValueGenerator(seed: seed)
        var object = generator.object(depth: 3)
        object["id"] = .string("id-\(seed)")
        for key in ["trashed_at", "deleted_at", "access_read", "access_deny"] where seed % 3 != 0 {
            object[key] = seed % 2 == 0 ? .null : generator.value(depth: 2)
        }
        if seed % 5 == 0 { object["accessory"] = "kept: only access_ with the underscore goes" }
        let bytes = JSONValue.object(object).canonicalBytes
        var spliced: [UInt8] = []
        WritableRecordBytes.append(bytes, to: &spliced)
        let expected = JSONValue.object(BulkOperationEncoder.writable(object)).canonicalBytes
        #expect(spliced == expected, "seed \(seed): \(String(decoding: spliced, as: UTF8.self))")
    }

    @Test(arguments: [
        (#"{}"#, #"{}"#),
        (#"{"trashed_at":null}"#, #"{}"#),
        (#"{"a":"x\"}","deleted_at":"2026","z":[1,{"trashed_at":2}]}"#, #"{"a":"x\"}","z":[1,{"trashed_at":2}]}"#),
        (#"{ "id" : "1", "trashed_at" : null }"#, #"{"id":"1"}"#),
    ])
    func membersAreDroppedOnlyAtTheTopLevel(input: String, expected: String) {
        var output: [UInt8] = []
        WritableRecordBytes.append(Array(input.utf8), to: &output)
        #expect(String(decoding: output, as: UTF8.self) == expected)
    }
}
