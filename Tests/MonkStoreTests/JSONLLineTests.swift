import Foundation
import GRDB
import MonkCore
import MonkStore
import MonkTestSupport
import Testing

/// A streamed JSONL line splices the system members into the stored `data` at their canonical places; it must
/// be byte for byte the canonical encoding of the full record (the general path), which readers then take as
/// already canonical, whatever the record's keys and system values are.
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

    /// Writes `records` as rows of a fresh tenant's `item` table (as any file of the format may hold them) and
    /// streams them back through ``TenantTransaction/jsonlPage(in:query:into:)``: the lines by id, in id order.
    static func streamed(_ records: [StoredRecord]) async throws -> [(id: String, line: [UInt8])] {
        try await withTemporaryDirectory { directory in
            let path = try await TenantFileKindTests().makeTenant(in: directory)
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in
                for record in records {
                    try db.execute(
                        sql: """
                            INSERT INTO item (id, data, hash, created_at, updated_at, trashed_at, deleted_at,
                            access_read, access_edit, access_full, access_deny) VALUES (?,?,?,?,?,?,?,?,?,?,?)
                            """,
                        arguments: [
                            record.id, String(decoding: record.data, as: UTF8.self), Data(record.hash),
                            record.createdAt, record.updatedAt, record.trashedAt, record.deletedAt,
                            text(record.access.read), text(record.access.edit), text(record.access.full),
                            text(record.access.deny),
                        ]
                    )
                }
            }
            try queue.close()
            let registry = try await TenantRegistry.open(dataDirectory: directory.path)
            let store = try #require(try await registry.store(forTenantNamed: "acme"))
            let bytes = try await store.read { tx in
                var query = RecordQuery()
                query.trashed = .include
                query.order = [SortKey(field: "id", isDescending: false)]
                return try tx.jsonlPage(in: "item", query: query).bytes
            }
            await registry.close()
            #expect(bytes.last == UInt8(ascii: "\n"))
            let ids = records.map(\.id).sorted()
            let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
            #expect(lines.count == ids.count)
            return zip(ids, lines).map { ($0, Array($1)) }
        }
    }

    /// An `access_*` column's text.
    static func text(_ ids: [String]) -> String {
        "[" + ids.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }

    @Test func splicedLinesAreTheCanonicalFullRecord() async throws {
        var records: [String: (seed: Int, record: StoredRecord)] = [:]
        for seed in 0..<600 {
            var generator = JSONValueGenerator(seed: seed)
            var fields = generator.object(depth: 3)
            for _ in 0..<Int.random(in: 0...4, using: &generator.random) {
                let name = Self.awkwardNames[Int.random(in: 0..<Self.awkwardNames.count, using: &generator.random)]
                fields[name] = generator.anyValue(depth: 2)
            }
            var record = Self.record(fields, random: &generator.random)
            record.id = String(format: "5b1e0c2a-7d3f-4e21-9a6b-%012d", seed)
            record.data = RecordCodec.stored(id: record.id, fields: fields, createdAt: "", updatedAt: "").data
            records[record.id] = (seed, record)
        }
        for (id, line) in try await Self.streamed(records.values.map(\.record)) {
            let (seed, record) = try #require(records[id])
            #expect(line == Self.expected(record), "seed \(seed): \(String(decoding: line, as: UTF8.self))")
            var canonicalizer = Canonicalizer()
            let recanonicalized = try canonicalizer.canonicalize(line)
            #expect(recanonicalized == line, "seed \(seed): the line is not canonical")
        }
    }

    /// Rows the splice declines: `data` naming a system member, or not compact, or not an object (SQLite itself
    /// refuses to store text that is not JSON in a model table).
    @Test func dataThatCannotBeSplicedGoesThroughTheTree() async throws {
        var random = SeededGenerator(seed: 11)
        let base = Self.record(["name": "a", "zip": 1], random: &random)
        let cases: [[UInt8]] = [
            Array(#"{"created_at":"x","id":"i","name":"a"}"#.utf8),
            Array(#"{"access_read":["u"],"id":"i"}"#.utf8),
            Array(#"{"id":"i","updated_at":null}"#.utf8),
            Array(#"{ "id":"i"}"#.utf8),
            Array(#"{"id":"i"} "#.utf8),
            Array(#"{"id":"i", "name":"a"}"#.utf8),
            Array(#"["id"]"#.utf8),
            Array("{}".utf8),
            Array("1".utf8),
        ]
        var records: [String: StoredRecord] = [:]
        for (index, data) in cases.enumerated() {
            var record = base
            record.id = "case-\(index)"
            record.data = data
            records[record.id] = record
        }
        for (id, line) in try await Self.streamed(Array(records.values)) {
            let record = try #require(records[id])
            #expect(
                line == Self.expected(record),
                "\(String(decoding: record.data, as: UTF8.self)): \(String(decoding: line, as: UTF8.self))"
            )
        }
    }
}
