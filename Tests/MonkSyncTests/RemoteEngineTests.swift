import Foundation
import MonkCLI
import MonkClient
import MonkCore
import MonkSync
import MonkTestSupport
import Testing

/// Bisection and checkpoints against two in-process `monk serve`.
@Suite struct RemoteEngineTests {
    /// A client factory over the tenants' clients, keyed by server name.
    static func factory(_ tenants: [RemoteTenant]) -> ClientFactory {
        { server, tenant in
            guard let match = tenants.first(where: { $0.serverName == server && $0.tenant == tenant }) else {
                throw SyncError(code: .notFound, message: "no test tenant \(server ?? "-"):\(tenant)")
            }
            return match.client
        }
    }

    /// Every operation of a patch file, and its header.
    static func operations(_ path: String) throws -> (PatchHeader, [PatchOperation]) {
        let reader = try PatchReader(path: path)
        var operations: [PatchOperation] = []
        while let operation = try reader.next() { operations.append(operation) }
        return (reader.header, operations)
    }

    @Test(arguments: [(4, 4), (32, 16_384), (1_024, 16), (2, 1)])
    func bisectionAgreesWithStreaming(factor: Int, leafSize: Int) async throws {
        try await withTemporaryDirectory { dir in
            try await RemoteTenant.withServerPair(configDirectory: dir) { left, right in
                var builder = RemoteRecordBuilder(seed: factor)
                let records = (0..<300).map { _ in builder.makeRecord(id: builder.uuid()) }
                try await left.insert(records)
                var changed = records
                // Twelve scattered updates: with the (2, 1) shape the differing leaves span several leaf batches.
                for index in stride(from: 7, to: 300, by: 25) { changed[index]["score"] = 123_456 }
                changed.remove(at: 100)
                changed.append(builder.makeRecord(id: builder.uuid()))
                try await right.insert(changed)

                var diff = LocalDiff(selection: .default, clients: Self.factory([left, right]))
                diff.bisectionShape = (factor, leafSize)
                let endpoints = (
                    try SyncEndpoint(parsing: left.endpoint()), try SyncEndpoint(parsing: right.endpoint())
                )
                let bisectedPath = dir.appendingPathComponent("bisected.patch").path
                let bisected = try await diff.run(
                    from: endpoints.0,
                    to: endpoints.1,
                    patchPath: bisectedPath,
                    createdAt: "2026-11-24T10:30:00Z",
                    generator: "test"
                )
                diff.bisects = false
                let streamedPath = dir.appendingPathComponent("streamed.patch").path
                let streamed = try await diff.run(
                    from: endpoints.0,
                    to: endpoints.1,
                    patchPath: streamedPath,
                    createdAt: "2026-11-24T10:30:00Z",
                    generator: "test"
                )
                #expect(bisected.summary.destinationChecksum?.hasPrefix("monk-sha256-128-sum-v1:") == true)
                #expect(streamed.summary.destinationChecksum?.hasPrefix("sha256:") == true)
                let counts = [bisected.summary.inserts, bisected.summary.updates, bisected.summary.deletes]
                #expect(counts == [1, 12, 1])
                for key in [\DiffSummary.sourceCount, \.destinationCount, \.unchanged] {
                    #expect(bisected.summary[keyPath: key] == streamed.summary[keyPath: key])
                }
                #expect(try Self.operations(bisectedPath).1 == Self.operations(streamedPath).1)

                let target = RemotePatchTarget(
                    connection: try await RemoteConnection.open(
                        RemoteEndpoint(server: "right", tenant: "acme", models: .models(["item"])),
                        clients: Self.factory([left, right])
                    )
                )
                let report = try await target.apply(patchAt: bisectedPath, options: ApplyOptions())
                #expect(report.checksumMatches == true && report.changes == 14)
                #expect(try await left.snapshot() == right.snapshot())
            }
        }
    }

    /// An empty (or mostly empty) destination makes every record move: the diff streams both sides rather
    /// than listing and fetching every id, so memory stays bounded (its patch has streaming's checksums).
    @Test func aMostlyEmptyDestinationIsStreamedNotBisected() async throws {
        try await withTemporaryDirectory { dir in
            try await RemoteTenant.withServerPair(configDirectory: dir) { left, right in
                var builder = RemoteRecordBuilder(seed: 3)
                let records = (0..<40).map { _ in builder.makeRecord(id: builder.uuid()) }
                try await left.insert(records)
                try await right.insert(Array(records.prefix(5)))
                var diff = LocalDiff(selection: .default, clients: Self.factory([left, right]))
                diff.bisectionShape = (4, 4)
                let header = try await diff.run(
                    from: try SyncEndpoint(parsing: left.endpoint()),
                    to: try SyncEndpoint(parsing: right.endpoint()),
                    patchPath: dir.appendingPathComponent("p.patch").path,
                    createdAt: "2026-11-24T10:30:00Z",
                    generator: "test"
                )
                #expect(header.summary.inserts == 35 && header.summary.unchanged == 5)
                #expect(header.summary.destinationChecksum?.hasPrefix("sha256:") == true)
            }
        }
    }

    @Test func anInterruptedBatchedApplyResumesAfterItsLastBatch() async throws {
        try await withTemporaryDirectory { dir in
            try await TestServer.run { server in
                let right = try await RemoteTenant.make(
                    on: server,
                    named: "right",
                    tenant: "acme",
                    configDirectory: dir
                )
                var builder = RemoteRecordBuilder(seed: 9)
                let source = (0..<23).map { _ in builder.makeRecord(id: builder.uuid()) }
                try RemoteInvariantTests.writeJSONL(source, to: dir.appendingPathComponent("a.jsonl"))
                let environment = syncEnvironment(dir)
                let diff = await runSync(
                    ["sync", "diff", "a.jsonl", right.endpoint(), "-o", "p.patch"],
                    in: dir,
                    environment: environment
                )
                #expect(diff.status == .differences)

                let store = CheckpointStore(directory: dir.appendingPathComponent("checkpoints").path)
                let target = RemotePatchTarget(
                    connection: try await RemoteConnection.open(
                        RemoteEndpoint(server: "right", tenant: "acme", models: .models(["item"])),
                        clients: Self.factory([right])
                    ),
                    options: RemoteTargetOptions(batchSize: 5, checkpoints: store) { progress in
                        if progress.committedOperations >= 10 { throw CancellationError() }
                    }
                )
                await #expect(throws: CancellationError.self) {
                    try await target.apply(patchAt: dir.appendingPathComponent("p.patch").path, options: ApplyOptions())
                }
                #expect(try await right.snapshot().count == 10)

                let resumed = await runSync(
                    ["sync", "patch", "p.patch", right.endpoint(), "--batch-size", "5"],
                    in: dir,
                    environment: environment
                )
                #expect(resumed.status == .success, "\(resumed.out)\(resumed.err)")
                #expect(resumed.out.contains("Resuming after 10 operations"))
                #expect(resumed.out.contains("13 inserted"))
                let again = await runSync(
                    ["sync", "diff", "a.jsonl", right.endpoint()],
                    in: dir,
                    environment: environment
                )
                #expect(again.status == .success, "\(again.out)")
                #expect(try FileManager.default.contentsOfDirectory(atPath: store.directory).isEmpty)
            }
        }
    }
}
