import Foundation
import MonkCore
import MonkStore
import MonkTestSupport
import Testing

@Suite struct ConcurrencyTests {
    /// Many concurrent writers and readers on one tenant: writes serialize, none sees SQLITE_BUSY.
    @Test func concurrentWritesAndReadsAllSucceed() async throws {
        try await withTemporaryDirectory { directory in
            let registry = try await TenantRegistry.open(dataDirectory: directory.path)
            let item = try TenantStoreTests.item()
            let tenant = try await registry.register(name: "acme", ownerID: "u1", passwordHash: "x") { tx in
                try tx.createModel(item, now: "2025-01-01T00:00:00.000Z")
            }
            let store = try #require(try await registry.store(forTenantID: tenant.id))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        _ = try await store.write { tx in
                            try tx.createRecord(
                                ["name": .string("n\(index)")],
                                in: try tx.requireModel("item"),
                                caller: .system,
                                now: "2025-01-02T00:00:00.000Z"
                            )
                        }
                    }
                    group.addTask {
                        _ = try await store.read { tx in try tx.count(in: "item", query: RecordQuery()) }
                    }
                }
                try await group.waitForAll()
            }
            let count = try await store.read { tx in try tx.count(in: "item", query: RecordQuery()) }
            #expect(count == 40)
            await registry.close()
        }
    }
}
