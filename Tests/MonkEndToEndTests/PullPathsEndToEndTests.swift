import Foundation
import MonkTestSupport
import Testing

/// A pull into an empty directory streams the server's canonical JSONL lines straight into the files (the
/// direct path, a batch at a time); a pull with `--overwrite` into a directory that differs goes through the
/// diff and the patch. Both must leave the same bytes.
@Suite struct PullPathsEndToEndTests {
    @Test(arguments: ["jsonl", "files"])
    func directPullWritesWhatTheDiffPathWrites(layout: String) async throws {
        try await withTemporaryDirectory { dir in
            try await TransferFixture.run(in: dir) { stage in
                // More than one batch of the stream (1,000 records) and of the files writer (2,000).
                try await stage.seedContacts(2_345, server: "a", tenant: "acme")
                let direct = dir.appendingPathComponent("direct").path
                let pulled = try await stage.transfer(["sync", "pull", "a:acme:contact", direct, "--layout", layout])
                #expect((pulled["inserted"] ?? 0) >= 2_345)

                // A stale copy: one record missing, one changed and one extra.
                let mirror = dir.appendingPathComponent("mirror").path
                try FileManager.default.copyItem(atPath: direct, toPath: mirror)
                try damage(mirror, layout: layout)
                let updated = try await stage.transfer(
                    ["sync", "pull", "a:acme:contact", mirror, "--layout", layout, "--overwrite"]
                )
                #expect(updated["inserted"] == 1 && updated["updated"] == 1 && updated["deleted"] == 1, "\(updated)")
                #expect(try contents(of: direct) == contents(of: mirror))
            }
        }
    }

    /// Removes the first record, changes the second and adds one.
    private func damage(_ path: String, layout: String) throws {
        if layout == "jsonl" {
            let file = path + "/contact.jsonl"
            var lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
            lines.removeFirst()
            lines[0] = lines[0].replacingOccurrences(of: #""name":""#, with: #""name":"changed "#)
            lines.append(#"{"id":"ffffffff-ffff-4fff-bfff-ffffffffffff","name":"extra"}"#)
            try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            return
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: path).filter {
            $0.hasSuffix(".json") && !$0.hasPrefix(".")
        }
        .sorted()
        try FileManager.default.removeItem(atPath: path + "/" + names[0])
        let changed = path + "/" + names[1]
        let text = try String(contentsOfFile: changed, encoding: .utf8)
        try text.replacingOccurrences(of: #""name": ""#, with: #""name": "changed "#)
            .write(toFile: changed, atomically: true, encoding: .utf8)
        try #"{"id": "ffffffff-ffff-4fff-bfff-ffffffffffff", "name": "extra"}"#
            .write(toFile: path + "/ffffffff-ffff-4fff-bfff-ffffffffffff.json", atomically: true, encoding: .utf8)
    }

    /// Every file but `.monk.json` (its time differs), by name.
    private func contents(of path: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: path) where name != ".monk.json" {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: path + "/" + name))
        }
        return files
    }
}
