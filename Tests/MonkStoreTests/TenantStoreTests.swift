import Foundation
import MonkCore
import MonkStore
import MonkTestSupport
import Testing

@Suite struct TenantStoreTests {
    /// A model `item` with a decimal `price`, a text `name` and an integer `rank`.
    static func item() throws -> ModelInfo {
        let body: JSONValue = [
            "model_name": "item",
            "fields": [
                ["field_name": "name", "type": "text", "required": true],
                ["field_name": "price", "type": "decimal"],
                ["field_name": "rank", "type": "integer", "unique": true],
            ],
        ]
        return ModelInfo(definition: try ModelDefinition(decoding: body))
    }

    /// Runs `body` with a registered tenant holding the `item` model.
    func withStore(_ body: (TenantStore) async throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            let registry = try await TenantRegistry.open(dataDirectory: directory.path)
            let item = try TenantStoreTests.item()
            let tenant = try await registry.register(name: "acme", ownerID: "u1", passwordHash: "x") { tx in
                try tx.createModel(item, now: "2025-01-01T00:00:00.000Z")
            }
            let store = try #require(try await registry.store(forTenantID: tenant.id))
            try await body(store)
            await registry.close()
        }
    }

    func insert(_ store: TenantStore, _ bodies: [JSONObject]) async throws -> [StoredRecord] {
        try await store.write { tx in
            let model = try tx.requireModel("item")
            return try bodies.map {
                try tx.createRecord($0, in: model, caller: .system, now: "2025-01-02T00:00:00.000Z")
            }
        }
    }

    @Test func storedHashIsTheRecordHashOfIdAndFields() async throws {
        try await withStore { store in
            let records = try await insert(store, [["name": "a", "price": .number(JSONNumber("1.50")!)]])
            let record = try #require(records.first)
            let expected: JSONValue = [
                "id": .string(record.id), "name": "a", "price": .number(JSONNumber("1.5")!), "rank": nil,
            ]
            #expect(record.data == expected.canonicalBytes)
            #expect(record.hash == RecordHash(hashing: expected.canonicalBytes).bytes)
        }
    }

    @Test func decimalsOrderExactlyAndNullsLast() async throws {
        try await withStore { store in
            let prices = ["10.5", "9.99", "100", "12345678901234567890.1", "12345678901234567890.05"]
            _ = try await insert(store, prices.map { ["name": .string($0), "price": .number(JSONNumber($0)!)] })
            _ = try await insert(store, [["name": "none"]])
            var ordered = RecordQuery()
            ordered.order = [SortKey(field: "price", isDescending: false)]
            let query = ordered
            let names = try await store.read { tx in
                try tx.records(in: "item", query: query).map { RecordCodec.fields(of: $0)["name"]?.stringValue ?? "" }
            }
            #expect(names == ["9.99", "10.5", "100", "12345678901234567890.05", "12345678901234567890.1", "none"])
        }
    }

    @Test func createRejectsUnknownFieldsAndDuplicates() async throws {
        try await withStore { store in
            await #expect(throws: StoreError.self) { _ = try await insert(store, [["name": "a", "color": "red"]]) }
            let first = try await insert(store, [["name": "a", "rank": 1]])
            do {
                _ = try await insert(store, [["id": .string(first[0].id), "name": "b"]])
                Issue.record("duplicate id accepted")
            } catch let error as StoreError {
                #expect(error.code == "RECORD_EXISTS")
            }
            do {
                _ = try await insert(store, [["name": "b", "rank": 1]])
                Issue.record("duplicate unique value accepted")
            } catch let error as StoreError {
                #expect(error.code == "UNIQUE_VIOLATION")
            }
        }
    }

    @Test func failedWriteLeavesNothingBehind() async throws {
        try await withStore { store in
            await #expect(throws: StoreError.self) {
                _ = try await insert(store, [["name": "ok"], ["price": 1]])
            }
            let count = try await store.read { tx in try tx.count(in: "item", query: RecordQuery()) }
            #expect(count == 0)
        }
    }
}
