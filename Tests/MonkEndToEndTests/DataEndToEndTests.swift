import Foundation
import MonkCore
import MonkTestSupport
import Testing

/// `monk data`, `find`, `aggregate`, `describe` and `bulk` against an in-process `monk serve`.
@Suite struct DataEndToEndTests {
    static let ada = #"{"name": "Ada", "email": "ada@x.test", "username": "ada", "balance": 120.50}"#
    static let more = """
        [{"name": "Bob", "email": "bob@x.test", "username": "bob", "balance": 10},
         {"name": "Cy", "email": "cy@x.test", "username": "cyc", "balance": 0}]
        """

    @Test func recordsRoundTripThroughTheDataCommands() async throws {
        try await withTemporaryDirectory { dir in
            try await TestServer.run { server in
                let user = CLIUser(configDirectory: dir)
                try await user.succeed(["config", "server", "add", "local", server.baseURL])
                try await user.register("acme")
                let fixtures = try json(try await user.succeed(["data", "list", "account"])).arrayValue?.count ?? 0
                let file = dir.appendingPathComponent("ada.json")
                try Data(Self.ada.utf8).write(to: file)

                let created = try json(try await user.succeed(["data", "create", "account", "@" + file.path]))
                let id = try #require(created["id"]?.stringValue)
                #expect(created["name"] == "Ada")
                let batch = try json(try await user.succeed(["data", "create", "account", "-"], stdin: Self.more))
                #expect(batch.arrayValue?.count == 2)

                let listed = try json(try await user.succeed(["data", "list", "account"]))
                #expect(listed.arrayValue?.count == fixtures + 3)
                let got = try json(try await user.succeed(["data", "get", "account", id, "--stat"]))
                #expect(got["username"] == "ada")
                #expect(got["created_at"]?.stringValue != nil)
                let updated = try json(try await user.succeed(["data", "update", "account", id, #"{"balance": 7}"#]))
                #expect(updated["balance"]?.numberValue == JSONNumber(7))

                let found = try json(try await user.succeed(["find", "account", "--where", #"{"name": "Ada"}"#]))
                #expect(found.arrayValue?.map { $0["id"] } == [.string(id)])
                let ours = #"{"username": {"$in": ["ada", "bob", "cyc"]}}"#
                let count = try await user.succeed(["find", "account", "--where", ours, "--count"])
                #expect(count.stdout == "3\n")
                // The count ignores a limit (API.md §3: total), so no records need to travel for it.
                let limited = try await user.succeed(["find", "account", "--where", ours, "--count", "--limit", "1"])
                #expect(limited.stdout == "3\n")
                let sums = try json(
                    try await user.succeed(["aggregate", "account", "--count", "--sum", "balance", "--where", ours])
                )
                #expect(sums[0]?["count"]?.numberValue == JSONNumber(3))
                #expect(sums[0]?["sum_balance"]?.numberValue == JSONNumber(17))

                let compact = try await user.succeed([
                    "data", "list", "account", "--where", #"{"name": "Cy"}"#, "--json",
                ])
                #expect(compact.stdout.split(separator: "\n").count == 1)

                let deleted = try await user.succeed(["data", "delete", "account", id])
                #expect(try json(deleted)["id"] == .string(id))
                let remaining = try json(try await user.succeed(["data", "list", "account"]))
                #expect(remaining.arrayValue?.count == fixtures + 2)
            }
        }
    }

    @Test func describeBulkExportAndImport() async throws {
        try await withTemporaryDirectory { dir in
            try await TestServer.run { server in
                let user = CLIUser(configDirectory: dir)
                try await user.succeed(["config", "server", "add", "local", server.baseURL])
                try await user.register("acme")
                let model = dir.appendingPathComponent("task.yaml")
                try Data("description: Tasks\nfields:\n  - {field_name: title, type: text, required: true}\n".utf8)
                    .write(to: model)
                try await user.succeed(["describe", "create", "task", model.path])
                let described = try json(try await user.succeed(["describe", "get", "task", "--fields"]))
                #expect(described["fields"]?.arrayValue?.contains { $0["field_name"] == "title" } == true)
                let names = try json(try await user.succeed(["describe", "list"]))
                #expect(names.arrayValue?.contains("task") == true)
                try await user.succeed(["describe", "fields", "create", "task", "done", "--type", "boolean"])
                let field = try json(try await user.succeed(["describe", "fields", "get", "task", "done"]))
                #expect(field["type"] == "boolean")

                let operations = dir.appendingPathComponent("ops.json")
                let ops = """
                    {"operations": [
                      {"operation": "create-one", "model": "task", "data": {"title": "write tests"}},
                      {"operation": "create-one", "model": "task", "data": {"title": "ship", "done": true}}]}
                    """
                try Data(ops.utf8).write(to: operations)
                let bulk = try json(try await user.succeed(["bulk", operations.path]))
                #expect(bulk.arrayValue?.count == 2)

                let exportDir = dir.appendingPathComponent("export")
                try await user.succeed(["data", "export", "task", exportDir.path, "--format", "jsonl"])
                let jsonl = try String(contentsOf: exportDir.appendingPathComponent("task.jsonl"), encoding: .utf8)
                let lines = jsonl.split(separator: "\n")
                #expect(lines.count == 2)
                let ids = try lines.map { try #require(JSONParser.parse(String($0))["id"]?.stringValue) }
                #expect(ids == ids.sorted())
                let filesDir = dir.appendingPathComponent("files")
                try await user.succeed(["data", "export", "task", filesDir.path])
                let names2 = try FileManager.default.contentsOfDirectory(atPath: filesDir.path).sorted()
                #expect(names2 == ids.map { $0 + ".json" })
                let first = try String(contentsOf: filesDir.appendingPathComponent(names2[0]), encoding: .utf8)
                #expect(first.hasPrefix("{\n  \"") && first.hasSuffix("}\n"))

                try await user.register("beta")
                try await user.succeed(["describe", "create", "task", model.path])
                try await user.succeed(["describe", "fields", "create", "task", "done", "--type", "boolean"])
                let imported = try json(try await user.succeed(["data", "import", "task", filesDir.path, "--json"]))
                #expect(imported["created"]?.numberValue == JSONNumber(2))
                let copied = try json(try await user.succeed(["data", "list", "task", "--tenant", "beta"]))
                #expect(copied.arrayValue?.compactMap { $0["id"]?.stringValue } == ids)
                let acme = try json(try await user.succeed(["find", "task", "--tenant", "acme", "--count"]))
                #expect(acme.numberValue == JSONNumber(2))
            }
        }
    }
}
