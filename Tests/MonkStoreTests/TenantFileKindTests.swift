import Foundation
import GRDB
import MonkCore
import MonkStore
import MonkTestSupport
import Testing

/// New tenant files cluster model tables on `id` (`WITHOUT ROWID`, 16 KiB pages); files written by older builds
/// have rowid tables. Both kinds must read and write the same way, since snapshots are these files.
@Suite struct TenantFileKindTests {
    /// The model table DDL of format_version 1 files written before model tables were clustered on `id`.
    static let rowidTable = """
        CREATE TABLE item (id TEXT PRIMARY KEY, data TEXT NOT NULL, hash BLOB NOT NULL,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, trashed_at TEXT, deleted_at TEXT,
        access_read TEXT NOT NULL DEFAULT '[]', access_edit TEXT NOT NULL DEFAULT '[]',
        access_full TEXT NOT NULL DEFAULT '[]', access_deny TEXT NOT NULL DEFAULT '[]')
        """

    /// Registers tenant `acme` with the `item` model in `directory` and returns the tenant file's path.
    func makeTenant(in directory: URL) async throws -> String {
        let registry = try await TenantRegistry.open(dataDirectory: directory.path)
        let item = try TenantStoreTests.item()
        _ = try await registry.register(name: "acme", ownerID: "u1", passwordHash: "x") { tx in
            try tx.createModel(item, now: "2025-01-01T00:00:00.000Z")
        }
        await registry.close()
        let tenants = directory.appendingPathComponent("tenants")
        let file = try #require(
            try FileManager.default.contentsOfDirectory(atPath: tenants.path).first { $0.hasSuffix(".sqlite") }
        )
        return tenants.appendingPathComponent(file).path
    }

    /// Writes records with random ids through the store, then reads them back as JSONL pages in id order.
    func roundTrip(dataDirectory: String) async throws -> (ids: [String], streamed: [String]) {
        let registry = try await TenantRegistry.open(dataDirectory: dataDirectory)
        let store = try #require(try await registry.store(forTenantNamed: "acme"))
        let created = try await store.write { tx in
            let model = try tx.requireModel("item")
            return try (0..<250).map { index in
                try tx.createRecord(
                    ["name": .string("n\(index)")],
                    in: model,
                    caller: .system,
                    now: "2025-01-02T00:00:00.000Z"
                )
                .id
            }
        }
        var streamed: [String] = []
        var after: String?
        while true {
            let page = try await store.read { [after] tx in
                var query = RecordQuery()
                query.order = [SortKey(field: "id", isDescending: false)]
                query.after = after
                query.limit = 100
                return try tx.jsonlPage(in: "item", query: query)
            }
            streamed += page.bytes.split(separator: UInt8(ascii: "\n")).map { line in
                (try? JSONParser.parse(Array(line)))?["id"]?.stringValue ?? ""
            }
            // A full page names its last id; a short one is the last page.
            guard let last = page.page.lastID else { break }
            #expect(page.page.count == 100 && last == streamed.last)
            after = last
        }
        await registry.close()
        return (created, streamed)
    }

    @Test func newModelTablesAreClusteredOnIdInSixteenKiBPages() async throws {
        try await withTemporaryDirectory { directory in
            let path = try await makeTenant(in: directory)
            let queue = try DatabaseQueue(path: path)
            let (sql, pageSize) = try await queue.read { db in
                (
                    try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'item'") ?? "",
                    try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
                )
            }
            #expect(sql.hasSuffix("WITHOUT ROWID"))
            #expect(pageSize == DatabaseOpener.pageSize)
            let (ids, streamed) = try await roundTrip(dataDirectory: directory.path)
            #expect(streamed == ids.sorted())
        }
    }

    @Test func rowidTablesOfOlderFilesStillReadAndWrite() async throws {
        try await withTemporaryDirectory { directory in
            let path = try await makeTenant(in: directory)
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in
                try db.execute(sql: "DROP VIEW IF EXISTS item_view")
                try db.execute(sql: "DROP TABLE item")
                try db.execute(sql: TenantFileKindTests.rowidTable)
            }
            try queue.close()
            let (ids, streamed) = try await roundTrip(dataDirectory: directory.path)
            #expect(ids.count == 250)
            #expect(streamed == ids.sorted())
        }
    }

    @Test func jsonlLinesAreTheRecordsJSONLLines() async throws {
        try await withTemporaryDirectory { directory in
            _ = try await makeTenant(in: directory)
            let registry = try await TenantRegistry.open(dataDirectory: directory.path)
            let store = try #require(try await registry.store(forTenantNamed: "acme"))
            let user: JSONValue = .array([.string("0f8fad5b-d9cb-469f-a165-70867728950e")])
            let acl: JSONObject = ["name": "acl", "access_read": user, "access_deny": user]
            let (lines, expected) = try await store.write { tx -> ([UInt8], [UInt8]) in
                let model = try tx.requireModel("item")
                let now = "2025-01-02T00:00:00.000Z"
                _ = try tx.createRecord(["name": "open"], in: model, caller: .system, now: now)
                _ = try tx.createRecord(
                    acl,
                    in: model,
                    caller: .system,
                    now: now
                )
                let trashed = try tx.createRecord(["name": "gone"], in: model, caller: .system, now: now)
                _ = try tx.trashRecord(id: trashed.id, in: model, caller: .system, now: "2025-01-03T00:00:00.000Z")
                var query = RecordQuery()
                query.trashed = .include
                let lines = try tx.jsonlPage(in: "item", query: query).bytes
                var expected: [UInt8] = []
                for record in try tx.records(in: "item", query: query) {
                    expected += RecordCodec.jsonlLine(record) + [10]
                }
                return (lines, expected)
            }
            #expect(String(decoding: lines, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
            #expect(lines.count(where: { $0 == 10 }) == 3)
            await registry.close()
        }
    }
}
