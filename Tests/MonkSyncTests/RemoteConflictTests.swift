import Foundation
import MonkCLI
import MonkClient
import MonkCore
import MonkSync
import MonkTestSupport
import Testing

/// The three conflict strategies against `monk serve`, `expect_hash` making the check atomic with the write,
/// and the errors of remote endpoints.
@Suite struct RemoteConflictTests {
    /// A server tenant with `records`, a JSONL file `a.jsonl` that changes three of them, and the patch
    /// `p.patch` from the file to the server; then one of the changed records is edited on the server.
    static func conflictingSetup(in dir: URL, server: TestServer) async throws -> (RemoteTenant, [JSONObject]) {
        let right = try await RemoteTenant.make(on: server, named: "right", tenant: "acme", configDirectory: dir)
        var builder = RemoteRecordBuilder(seed: 21)
        let records = (0..<6).map { _ in builder.makeRecord(id: builder.uuid()) }
            .sorted { JSONObject.precedes($0["id"]?.stringValue ?? "", $1["id"]?.stringValue ?? "") }
        try await right.insert(records)
        var source = records
        for index in 0..<3 { source[index]["score"] = .number(JSONNumber(5_000 + index)) }
        try RemoteInvariantTests.writeJSONL(source, to: dir.appendingPathComponent("a.jsonl"))
        let diff = await runSync(
            ["sync", "diff", "a.jsonl", right.endpoint(), "-o", "p.patch"],
            in: dir,
            environment: syncEnvironment(dir)
        )
        #expect(diff.status == .differences)
        let id = records[1]["id"]?.stringValue ?? ""
        _ = try await right.client.call(.put, APIPath.join("/api/data", "item", id), body: ["score": 7])
        return (right, source)
    }

    @Test func manualStopsAndAppliesNothing() async throws {
        try await withTemporaryDirectory { dir in
            try await TestServer.run { server in
                let (right, _) = try await Self.conflictingSetup(in: dir, server: server)
                let before = try await right.snapshot()
                let result = await runSync(
                    ["sync", "patch", "p.patch", right.endpoint()],
                    in: dir,
                    environment: syncEnvironment(dir)
                )
                #expect(result.status == .differences)
                #expect(result.out.contains("update conflicts"))
                #expect(try await right.snapshot() == before)
            }
        }
    }

    @Test func theirsOverwritesAndOursSkips() async throws {
        try await withTemporaryDirectory { dir in
            try await TestServer.run { server in
                let (right, source) = try await Self.conflictingSetup(in: dir, server: server)
                let environment = syncEnvironment(dir)
                let ours = await runSync(
                    ["sync", "patch", "p.patch", right.endpoint(), "--strategy", "ours", "--force"],
                    in: dir,
                    environment: environment
                )
                #expect(ours.status == .success, "\(ours.err)")
                #expect(ours.out.contains("2 updated") && ours.out.contains("1 conflicting operations skipped"))
                let afterOurs = try await right.client.record("item", id: source[1]["id"]?.stringValue ?? "")
                #expect(afterOurs["score"] == 7)

                let theirs = await runSync(
                    ["sync", "patch", "p.patch", right.endpoint(), "--strategy", "theirs", "--force"],
                    in: dir,
                    environment: environment
                )
                #expect(theirs.status == .success, "\(theirs.err)")
                let again = await runSync(
                    ["sync", "diff", "a.jsonl", right.endpoint()],
                    in: dir,
                    environment: environment
                )
                #expect(again.status == .success, "\(again.out)")
            }
        }
    }

    @Test func expectHashCatchesAChangeInsideTheServersTransaction() async throws {
        try await withTemporaryDirectory { dir in
            try await TestServer.run { server in
                let right = try await RemoteTenant.make(
                    on: server,
                    named: "right",
                    tenant: "acme",
                    configDirectory: dir
                )
                var builder = RemoteRecordBuilder(seed: 5)
                let records = (0..<3).map { _ in builder.makeRecord(id: builder.uuid()) }
                try await right.insert(records)
                let connection = try await RemoteConnection.open(
                    RemoteEndpoint(server: "right", tenant: "acme", models: .models(["item"])),
                    clients: RemoteEngineTests.factory([right])
                )
                var stale = records[2]
                stale["score"] = 99_999
                let old = try CanonicalRecord(object: stale)
                var new = records[2]
                new["name"] = "changed"
                let newRecord = try CanonicalRecord(object: new)
                let fresh = builder.makeRecord(id: builder.uuid())
                let writer = RemoteBulkWriter(connection: connection, selection: .default, strategy: .manual)
                try await writer.add(.insert(model: "item", record: try CanonicalRecord(object: fresh)))
                try await writer.add(
                    .update(
                        model: "item",
                        old: old,
                        new: newRecord,
                        change: FieldChange(patch: ["name": "changed"], removed: [])
                    )
                )
                let outcome = try await writer.finish()
                #expect(outcome.isStoppedByConflict && outcome.conflicts.map(\.reason) == [.differs])
                #expect(try await right.snapshot().count == 3, "the insert of the failed batch was rolled back")
            }
        }
    }

    @Test func remoteEndpointErrorsSayWhatIsMissing() async throws {
        try await withTemporaryDirectory { dir in
            try await TestServer.run { server in
                let right = try await RemoteTenant.make(
                    on: server,
                    named: "right",
                    tenant: "acme",
                    configDirectory: dir
                )
                try RemoteInvariantTests.writeJSONL([], to: dir.appendingPathComponent("a.jsonl"))
                let environment = syncEnvironment(dir)
                let unknownModel = await runSync(
                    ["sync", "diff", "a.jsonl", right.endpoint("nope")],
                    in: dir,
                    environment: environment
                )
                #expect(unknownModel.status == .notFound)
                #expect(unknownModel.err.contains("MODEL_NOT_FOUND"))
                let unknownServer = await runSync(
                    ["sync", "diff", "a.jsonl", "elsewhere:acme:item"],
                    in: dir,
                    environment: environment
                )
                #expect(unknownServer.status == .notFound)
                #expect(unknownServer.err.contains("elsewhere"))
                let noSession = await runSync(
                    ["sync", "diff", "a.jsonl", "right:other:item"],
                    in: dir,
                    environment: environment
                )
                #expect(noSession.status == .permission)
                #expect(noSession.err.contains("monk auth login other"))
                let patch = await runSync(
                    ["sync", "diff", "a.jsonl", right.endpoint(), "-o", "p.patch"],
                    in: dir,
                    environment: environment
                )
                #expect(patch.status == .success)
                let patchUnknown = await runSync(
                    ["sync", "patch", "p.patch", right.endpoint("nope")],
                    in: dir,
                    environment: environment
                )
                #expect(patchUnknown.status == .notFound)
            }
        }
    }
}
