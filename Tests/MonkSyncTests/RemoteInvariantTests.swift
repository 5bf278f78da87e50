import Foundation
import MonkCLI
import MonkCore
import MonkTestSupport
import Testing

/// DESIGN.md §7's invariants with a server on one or both ends, through the CLI: `diff a b -o p; patch p b`
/// makes `diff a b` exit 0, `patch -R p b` restores `b`, and `--dry-run` changes nothing.
@Suite struct RemoteInvariantTests {
    /// Writes `records` as a sorted canonical JSONL file.
    static func writeJSONL(_ records: [JSONObject], to url: URL) throws {
        let sorted = records.sorted { JSONObject.precedes($0["id"]?.stringValue ?? "", $1["id"]?.stringValue ?? "") }
        try sorted.map { JSONValue.object($0).canonicalString + "\n" }.joined().write(
            to: url,
            atomically: true,
            encoding: .utf8
        )
    }

    @Test(arguments: [1, 2, 3])
    func localFileToServer(seed: Int) async throws {
        try await withTemporaryDirectory { dir in
            try await TestServer.run { server in
                let environment = syncEnvironment(dir)
                let right = try await RemoteTenant.make(
                    on: server,
                    named: "right",
                    tenant: "acme",
                    configDirectory: dir
                )
                var builder = RemoteRecordBuilder(seed: seed)
                let (source, destination) = builder.pair(count: 40)
                try Self.writeJSONL(source, to: dir.appendingPathComponent("a.jsonl"))
                try await right.insert(destination)
                try await Self.checkInvariants(
                    source: "a.jsonl",
                    destination: right.endpoint(),
                    snapshot: { try await right.snapshot() },
                    in: dir,
                    environment: environment
                )
            }
        }
    }

    @Test(arguments: [4, 5])
    func serverToServer(seed: Int) async throws {
        try await withTemporaryDirectory { dir in
            try await RemoteTenant.withServerPair(configDirectory: dir) { left, right in
                let environment = syncEnvironment(dir)
                var builder = RemoteRecordBuilder(seed: seed)
                let (source, destination) = builder.pair(count: 40)
                try await left.insert(source)
                try await right.insert(destination)
                try await Self.checkInvariants(
                    source: left.endpoint(),
                    destination: right.endpoint(),
                    snapshot: { try await right.snapshot() },
                    in: dir,
                    environment: environment
                )
            }
        }
    }

    /// Runs diff, dry run, patch, diff, reverse patch and checks each step.
    static func checkInvariants(
        source: String,
        destination: String,
        snapshot: () async throws -> [String],
        in dir: URL,
        environment: [String: String]
    ) async throws {
        let original = try await snapshot()
        let diff = await runSync(
            ["sync", "diff", source, destination, "-o", "change.patch"],
            in: dir,
            environment: environment
        )
        #expect(diff.status == .differences || diff.status == .success, "\(diff.err)")
        let dryRun = await runSync(
            ["sync", "patch", "change.patch", destination, "--dry-run"],
            in: dir,
            environment: environment
        )
        #expect(dryRun.status == .success, "\(dryRun.err)")
        #expect(try await snapshot() == original, "a dry run changed the destination")
        let patch = await runSync(["sync", "patch", "change.patch", destination], in: dir, environment: environment)
        #expect(patch.status == .success, "\(patch.out)\(patch.err)")
        let again = await runSync(["sync", "diff", source, destination], in: dir, environment: environment)
        #expect(again.status == .success, "\(again.out)\(again.err)")
        let reverse = await runSync(
            ["sync", "patch", "-R", "change.patch", destination],
            in: dir,
            environment: environment
        )
        #expect(reverse.status == .success, "\(reverse.out)\(reverse.err)")
        #expect(try await snapshot() == original, "patch -R did not restore the destination")
    }
}
