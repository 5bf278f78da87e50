import Foundation
import MonkCore
import MonkSync
import MonkTestSupport
import Testing

/// The streaming patch reader: monk's own shape, any JSON layout, and the old bash-era shape.
@Suite struct PatchReaderTests {
    /// What `monk sync diff --output` wrote in its bash days (jq-pretty, `unchanged` ops, no model).
    static let legacy = """
        {
          "summary": {"source_count": 2, "dest_count": 2, "total_ids": 3, "unchanged": 1, "to_insert": 1,
                      "to_update": 0, "to_delete": 1},
          "operations": [
            {"op": "delete", "id": "a", "record": {"id": "a", "n": 1}},
            {"op": "unchanged", "id": "b"},
            {
              "op": "insert",
              "id": "c",
              "record": {"n": 3, "id": "c"}
            },
            {"op": "update", "id": "d", "old": {"id": "d", "n": 1, "x": 0}, "new": {"id": "d", "n": 2}}
          ],
          "metadata": {"source": "t1:users", "destination": "./backup/", "created_at": "2025-01-01T00:00:00Z",
                       "filter": null}
        }
        """

    @Test func readsTheBashEraShape() async throws {
        try await withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("old.patch").path
            try Self.legacy.write(toFile: path, atomically: true, encoding: .utf8)
            let reader = try PatchReader(path: path)
            var operations: [PatchOperation] = []
            while let operation = try reader.next() { operations.append(operation) }
            #expect(operations.map(\.kind) == [.delete, .insert, .update])
            #expect(operations.map(\.id) == ["a", "c", "d"])
            #expect(reader.header.isLegacy)
            #expect(reader.header.summary.destinationCount == 2 && reader.header.summary.deletes == 1)
            #expect(reader.header.source.endpoint == "t1:users" && reader.header.createdAt == "2025-01-01T00:00:00Z")
            guard case .update(_, _, _, let change) = operations[2] else { return }
            #expect(change.patch == ["n": 2, "x": nil] && change.removed == ["x"])
        }
    }

    @Test func appliesABashEraPatchToAJSONLFile() async throws {
        try await withTemporaryDirectory { dir in
            let patch = dir.appendingPathComponent("old.patch").path
            let target = dir.appendingPathComponent("users.jsonl").path
            try Self.legacy.write(toFile: patch, atomically: true, encoding: .utf8)
            try "{\"id\":\"a\",\"n\":1}\n{\"id\":\"b\"}\n{\"id\":\"d\",\"x\":0,\"n\":1}\n"
                .write(toFile: target, atomically: true, encoding: .utf8)
            let report = try await LocalPatchTarget(try LocalEndpoint(parsing: target))
                .apply(patchAt: patch, options: ApplyOptions())
            #expect(report.changes == 3)
            let expected = "{\"id\":\"b\"}\n{\"id\":\"c\",\"n\":3}\n{\"id\":\"d\",\"n\":2}\n"
            #expect(try String(contentsOfFile: target, encoding: .utf8) == expected)
        }
    }

    @Test func fieldChangeReversesToTheOldValues() {
        let old: JSONObject = ["id": "u", "a": 1, "b": 2]
        let new: JSONObject = ["id": "u", "a": 3, "c": 4]
        let change = FieldChange(from: old, to: new, selection: .default)
        #expect(change.patch == ["a": 3, "b": nil, "c": 4] && change.removed == ["b"])
        #expect(change.applied(to: old) == new)
        let back = change.reversed(restoring: old)
        #expect(back.applied(to: new) == old && back.removed == ["c"])
    }
}
