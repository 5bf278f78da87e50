import Foundation
import MonkCore
import MonkSync
import MonkTestSupport
import Testing

/// ``BulkInsertSink`` against an in-process `monk serve`: batches of `create-all` land in order, and a batch
/// that meets an id already in the destination is refused whole, never overwriting it.
@Suite struct BulkInsertSinkTests {
    @Test func batchesCreateEveryRecordInOrderAndReportEachCommit() async throws {
        try await withTemporaryDirectory { dir in
            try await RemoteTenant.withServerPair(configDirectory: dir) { _, right in
                var builder = RemoteRecordBuilder(seed: 71)
                let records = (0..<250).map { _ in builder.makeRecord(id: builder.uuid()) }
                let connection = try await RemoteConnection.open(
                    RemoteEndpoint(server: "right", tenant: "acme", models: .models(["item"])),
                    clients: RemoteEngineTests.factory([right])
                )
                let commits = CommitLog()
                let sink = BulkInsertSink(connection: connection, model: "item", batchSize: 100) { committed in
                    commits.append(committed)
                }
                for record in try Self.modelRecords(records) { try await sink.write(record) }
                #expect(try await sink.finish() == 250)
                #expect(commits.values == [100, 200, 250])
                let expected = records.map { JSONValue.object($0).canonicalString }.sorted()
                #expect(try await right.snapshot().sorted() == expected)
            }
        }
    }

    @Test func anIDAlreadyInTheDestinationRefusesItsWholeBatch() async throws {
        try await withTemporaryDirectory { dir in
            try await RemoteTenant.withServerPair(configDirectory: dir) { _, right in
                var builder = RemoteRecordBuilder(seed: 72)
                let records = (0..<30).map { _ in builder.makeRecord(id: builder.uuid()) }
                var squatter = records[17]
                squatter["name"] = "written meanwhile"
                try await right.insert([squatter])
                let connection = try await RemoteConnection.open(
                    RemoteEndpoint(server: "right", tenant: "acme", models: .models(["item"])),
                    clients: RemoteEngineTests.factory([right])
                )
                let sink = BulkInsertSink(connection: connection, model: "item", batchSize: 10) { _ in }
                await #expect {
                    for record in try Self.modelRecords(records) { try await sink.write(record) }
                    _ = try await sink.finish()
                } throws: { error in
                    (error as? SyncError)?.code == .destinationChanged
                }
                // The first batch committed; the squatter's batch wrote nothing and the squatter is untouched.
                let stored = try await right.snapshot()
                #expect(stored.contains(JSONValue.object(squatter).canonicalString))
                let firstBatch = records[0..<10].map { JSONValue.object($0).canonicalString }
                #expect(Set(stored) == Set(firstBatch + [JSONValue.object(squatter).canonicalString]))
            }
        }
    }

    /// The builder's records as the sink takes them.
    private static func modelRecords(_ records: [JSONObject]) throws -> [ModelRecord] {
        try records.map { record in
            ModelRecord(model: "item", record: try CanonicalRecord(object: record))
        }
    }
}

/// The committed counts a sink reported, in order.
private final class CommitLog: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Int] = []

    var values: [Int] { lock.withLock { recorded } }

    func append(_ value: Int) { lock.withLock { recorded.append(value) } }
}
