import Crypto
import Foundation
import MonkCLI
import MonkCore
import MonkTestSupport
import Testing
import ZIPFoundation

/// Extract archives (`file.zip`, `file.zip#model`) and snapshot files (`file.sqlite#model`) as diff sources.
@Suite struct FileArchiveSourceTests {
    /// Writes an extract archive holding `records` as the `item` model. `artifact` adds members to the
    /// manifest's data artifact (`size`, `checksum`), as `monk extract` writes them.
    static func writeArchive(_ records: [JSONObject], to url: URL, artifact: JSONObject = [:]) throws {
        let archive = try Archive(url: url, accessMode: .create)
        let lines = jsonl(records)
        var data: JSONObject = ["type": "data", "model": "item", "name": "item.jsonl"]
        for (key, value) in artifact { data[key] = value }
        let manifest: JSONValue = [
            "version": "1.0", "format": "jsonl", "models": ["item"], "artifacts": [.object(data)],
        ]
        for (name, text) in [("manifest.json", manifest.canonicalString), ("item.jsonl", lines)] {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// The JSONL entry `writeArchive` stores for `records`.
    static func jsonl(_ records: [JSONObject]) -> String {
        records.sorted { JSONObject.precedes($0["id"]?.stringValue ?? "", $1["id"]?.stringValue ?? "") }
            .map { JSONValue.object($0).canonicalString + "\n" }.joined()
    }

    @Test func anEntryMustMatchTheSizeAndChecksumItsManifestLists() async throws {
        try await withTemporaryDirectory { dir in
            var builder = RemoteRecordBuilder(seed: 5)
            let records = (0..<10).map { _ in builder.makeRecord(id: builder.uuid()) }
            let bytes = Array(Self.jsonl(records).utf8)
            let checksum = "sha256:" + HexText.encode(SHA256.hash(data: bytes))
            try RemoteInvariantTests.writeJSONL(records, to: dir.appendingPathComponent("same.jsonl"))
            let size = JSONValue.number(JSONNumber(bytes.count))
            let wrongSize = JSONValue.number(JSONNumber(bytes.count + 1))
            let zeros = JSONValue.string("sha256:" + String(repeating: "0", count: 64))
            let cases: [ArchiveCase] = [
                ArchiveCase(name: "good", artifact: ["size": size, "checksum": .string(checksum)], message: nil),
                ArchiveCase(name: "size", artifact: ["size": wrongSize], message: "bytes but the manifest lists"),
                ArchiveCase(
                    name: "sum",
                    artifact: ["checksum": zeros],
                    message: "does not match the manifest checksum"
                ),
                ArchiveCase(
                    name: "form",
                    artifact: ["checksum": "md5:abc"],
                    message: "is not sha256: and 64 hex digits"
                ),
            ]
            for item in cases {
                let zip = dir.appendingPathComponent("\(item.name).zip")
                try Self.writeArchive(records, to: zip, artifact: item.artifact)
                let result = await runSync(["sync", "diff", zip.path + "#item", "same.jsonl"], in: dir)
                guard let message = item.message else {
                    #expect(result.status == .success, "\(item.name): \(result.err)")
                    continue
                }
                #expect(result.status == .badInput, "\(item.name): \(result.err)")
                #expect(result.err.contains(message) && result.err.contains("entry 'item.jsonl'"), "\(result.err)")
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

/// One manifest variant of `anEntryMustMatchTheSizeAndChecksumItsManifestLists`: the data artifact's extra members
/// and the message expected on stderr, `nil` when the archive is intact.
private struct ArchiveCase {
    var name: String
    var artifact: JSONObject
    var message: String?
}
