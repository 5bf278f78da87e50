import MonkCore
import MonkStore
import MonkTestSupport
import Testing

/// A JSONL line splices the system members into the stored `data` at their canonical places; it must be
/// byte for byte the canonical encoding of the full record (the general path), which readers then take as
/// already canonical, whatever the record's keys are.
@Suite struct JSONLLineTests {
    /// Names that sort right beside, between, before and after the system members, and spellings that
    /// escape (`"`, `\`, control characters) where a system name has a letter.
    static let awkwardNames = [
        "access", "access_", "access_d", "access_denz", "access_e", "access_read_", "accesz", "acc", "a",
        "b", "created", "created_a", "created_at_", "created_au", "d", "deleted", "deleted_at0", "t",
        "trashed_au", "u", "updated_at_", "updated_az", "z", "zz", "access\"", "access\\", "created\n",
        "a\u{1}", "access_deny\u{0}", "é", "中", "_", "A", "ACCESS_deny", "id_", "",
    ]

    /// A stored record whose own fields are `fields`, with random timestamps and ACLs.
    static func record(_ fields: JSONObject, random: inout SeededGenerator) -> StoredRecord {
        func timestamp() -> String? {
            random.oneIn(2) ? nil : "2025-0\(Int.random(in: 1...9, using: &random))-02T00:00:00.000Z"
        }
        func ids() -> [String] {
            (0..<Int.random(in: 0...2, using: &random)).map { "0f8fad5b-d9cb-469f-a165-7086772895\($0)e" }
        }
        var record = RecordCodec.stored(
            id: "5b1e0c2a-7d3f-4e21-9a6b-00000000000\(Int.random(in: 0...9, using: &random))",
            fields: fields,
            createdAt: "2025-01-02T00:00:00.000Z",
            updatedAt: timestamp() ?? "2025-01-03T00:00:00.000Z",
            access: AccessLists(read: ids(), edit: ids(), full: ids(), deny: ids())
        )
        record.trashedAt = timestamp()
        record.deletedAt = timestamp()
        return record
    }

    /// The general path: the full record as a tree, canonically encoded.
    static func expected(_ record: StoredRecord) -> [UInt8] {
        JSONValue.object(RecordCodec.fullObject(record)).canonicalBytes
    }

    @Test func splicedLinesAreTheCanonicalFullRecord() throws {
        for seed in 0..<600 {
            var generator = JSONValueGenerator(seed: seed)
            var fields = generator.object(depth: 3)
            for _ in 0..<Int.random(in: 0...4, using: &generator.random) {
                let name = Self.awkwardNames[Int.random(in: 0..<Self.awkwardNames.count, using: &generator.random)]
                fields[name] = generator.anyValue(depth: 2)
            }
            let record = Self.record(fields, random: &generator.random)
            let line = RecordCodec.jsonlLine(record)
            #expect(line == Self.expected(record), "seed \(seed): \(String(decoding: line, as: UTF8.self))")
            var canonicalizer = Canonicalizer()
            let recanonicalized = try canonicalizer.canonicalize(line)
            #expect(recanonicalized == line, "seed \(seed): the line is not canonical")
        }
    }

    @Test func dataThatCannotBeSplicedGoesThroughTheTree() {
        var random = SeededGenerator(seed: 11)
        let base = Self.record(["name": "a", "zip": 1], random: &random)
        let cases: [[UInt8]] = [
            Array(#"{"created_at":"x","id":"i","name":"a"}"#.utf8),
            Array(#"{"access_read":["u"],"id":"i"}"#.utf8),
            Array(#"{"id":"i","updated_at":null}"#.utf8),
            Array(#"{ "id":"i"}"#.utf8),
            Array(#"{"id":"i",}"#.utf8),
            Array(#"{"id""#.utf8),
            Array(#"["id"]"#.utf8),
            Array("{}".utf8),
            Array("x".utf8),
            [],
        ]
        for data in cases {
            var record = base
            record.data = data
            let line = RecordCodec.jsonlLine(record)
            #expect(line == Self.expected(record), "\(String(decoding: data, as: UTF8.self))")
        }
    }
}
