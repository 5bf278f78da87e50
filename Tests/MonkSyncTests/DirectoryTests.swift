import Foundation
import MonkCLI
import MonkTestSupport
import Testing

/// Directories as endpoints: `-s` scoping, unsorted `jsonl` layouts, and patches into empty directories.
@Suite struct DirectoryTests {
    @Test func schemaOptionLimitsTheModelsCompared() async throws {
        try await withTemporaryDirectory { dir in
            try write(
                ["users.jsonl": "{\"id\":\"u1\",\"n\":1}\n", "orders.jsonl": "{\"id\":\"o1\",\"n\":1}\n"],
                in: dir,
                "a"
            )
            try write(
                ["users.jsonl": "{\"id\":\"u1\",\"n\":1}\n", "orders.jsonl": "{\"id\":\"o1\",\"n\":2}\n"],
                in: dir,
                "b"
            )
            #expect(await runSync(["sync", "diff", "./a/", "./b/", "-s", "users"], in: dir).status == .success)
            let all = await runSync(["sync", "diff", "./a/", "./b/", "--format", "detailed"], in: dir)
            #expect(all.status == .differences && all.out.contains("~ orders/o1: n"))
        }
    }

    @Test func unsortedModelFilesAreIndexed() async throws {
        try await withTemporaryDirectory { dir in
            try write(["users.jsonl": "{\"id\":\"b\"}\n{\"id\":\"a\"}\n"], in: dir, "a")
            try write(["users.jsonl": "{\"id\":\"a\"}\n"], in: dir, "b")
            let result = await runSync(
                ["sync", "diff", "./a/", "./b/", "-o", "p.patch", "--format", "detailed"],
                in: dir
            )
            #expect(result.status == .differences && result.out.contains("+ users/b"), "\(result.err)")
            #expect(await runSync(["sync", "patch", "p.patch", "./b/"], in: dir).status == .success)
            let users = try String(contentsOf: dir.appendingPathComponent("b/users.jsonl"), encoding: .utf8)
            #expect(users == "{\"id\":\"a\"}\n{\"id\":\"b\"}\n")
        }
    }

    @Test func multiModelPatchIntoAnEmptyDirectoryMakesModelFolders() async throws {
        try await withTemporaryDirectory { dir in
            try write(
                ["users.jsonl": "{\"id\":\"u1\"}\n", "orders.jsonl": "{\"id\":\"o1\",\"total\":5}\n"],
                in: dir,
                "a"
            )
            try FileManager.default.createDirectory(
                at: dir.appendingPathComponent("empty"),
                withIntermediateDirectories: true
            )
            try FileManager.default.createDirectory(
                at: dir.appendingPathComponent("b"),
                withIntermediateDirectories: true
            )
            _ = await runSync(["sync", "diff", "./a/", "./empty/", "-o", "p.patch"], in: dir)
            let apply = await runSync(["sync", "patch", "p.patch", "./b/"], in: dir)
            #expect(apply.status == .success, "\(apply.err)")
            let order = try String(contentsOf: dir.appendingPathComponent("b/orders/o1.json"), encoding: .utf8)
            #expect(order == "{\n  \"id\": \"o1\",\n  \"total\": 5\n}\n")
            #expect(await runSync(["sync", "diff", "./a/", "./b/"], in: dir).status == .success)
        }
    }

    @Test func aFileWhoseIdDiffersFromItsNameIsBadInput() async throws {
        try await withTemporaryDirectory { dir in
            let folder = dir.appendingPathComponent("a")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try "{\"id\":\"other\"}".write(
                to: folder.appendingPathComponent("x.json"),
                atomically: true,
                encoding: .utf8
            )
            let result = await runSync(["sync", "diff", "./a/", "./a/"], in: dir)
            #expect(
                result.status == .badInput && result.err.contains("x.json: id 'other' does not match the file name")
            )
        }
    }

    private func write(_ files: [String: String], in dir: URL, _ name: String) throws {
        let folder = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (file, content) in files {
            try content.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
    }
}
