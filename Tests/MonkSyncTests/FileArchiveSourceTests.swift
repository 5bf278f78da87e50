import Foundation
import MonkCLI
import MonkCore
import MonkTestSupport
import Testing
import ZIPFoundation

/// Extract archives (`file.zip`, `file.zip#model`) and snapshot files (`file.sqlite#model`) as diff sources.
@Suite struct FileArchiveSourceTests {
    /// Writes an extract archive holding `records` as the `item` model.
    static func writeArchive(_ records: [JSONObject], to url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        let lines = records.sorted { JSONObject.precedes($0["id"]?.stringValue ?? "", $1["id"]?.stringValue ?? "") }
            .map { JSONValue.object($0).canonicalString + "\n" }.joined()
        let manifest: JSONValue = [
            "version": "1.0", "format": "jsonl", "models": ["item"],
            "artifacts": [["type": "data", "model": "item", "name": "item.jsonl"]],
        ]
        for (name, text) in [("manifest.json", manifest.canonicalString), ("item.jsonl", lines)] {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    @Test func anArchiveModelDiffsAndPatchesIntoAFile() async throws {
        try await withTemporaryDirectory { dir in
            var builder = RemoteRecordBuilder(seed: 3)
            let records = (0..<20).map { _ in builder.makeRecord(id: builder.uuid()) }
            try Self.writeArchive(records, to: dir.appendingPathComponent("dump.zip"))
            var changed = records
            changed[4]["name"] = "edited"
            changed.removeLast()
            try RemoteInvariantTests.writeJSONL(changed, to: dir.appendingPathComponent("b.jsonl"))
            let zip = dir.appendingPathComponent("dump.zip").path
            let diff = await runSync(["sync", "diff", zip + "#item", "b.jsonl", "-o", "p.patch"], in: dir)
            #expect(diff.status == .differences, "\(diff.err)")
            #expect(
                diff.out.contains("To insert:") && diff.out.contains("To update:") && !diff.out.contains("To delete:")
            )
            let patch = await runSync(["sync", "patch", "p.patch", "b.jsonl"], in: dir)
            #expect(patch.status == .success, "\(patch.err)")
            let whole = await runSync(["sync", "diff", zip, "b.jsonl"], in: dir)
            #expect(whole.status == .success, "\(whole.out)\(whole.err)")
            let missing = await runSync(["sync", "diff", zip + "#nope", "b.jsonl"], in: dir)
            #expect(missing.status == .notFound)
        }
    }

    @Test func aSnapshotFileEqualsTheTenantItWasTakenFrom() async throws {
        try await withTemporaryDirectory { dir in
            try await TestServer.run { server in
                let right = try await RemoteTenant.make(
                    on: server,
                    named: "right",
                    tenant: "acme",
                    configDirectory: dir
                )
                var builder = RemoteRecordBuilder(seed: 8)
                try await right.insert((0..<30).map { _ in builder.makeRecord(id: builder.uuid()) })
                let file = server.dataDirectory + "/tenants/acme.sqlite"
                let environment = syncEnvironment(dir)
                let one = await runSync(
                    ["sync", "diff", file + "#item", right.endpoint()],
                    in: dir,
                    environment: environment
                )
                #expect(one.status == .success, "\(one.out)\(one.err)")
                let all = await runSync(["sync", "diff", file, "right:acme:*"], in: dir, environment: environment)
                #expect(all.status == .success, "\(all.out)\(all.err)")
                let missing = await runSync(
                    ["sync", "diff", file + "#nope", right.endpoint()],
                    in: dir,
                    environment: environment
                )
                #expect(missing.status == .notFound)
            }
        }
    }
}
