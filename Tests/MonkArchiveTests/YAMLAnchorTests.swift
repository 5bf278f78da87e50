import MonkArchive
import MonkCore
import Testing

@Suite struct YAMLAnchorTests {
    private func parse(_ text: String, limits: YAMLReader.Limits = YAMLReader.Limits()) throws -> JSONValue {
        try YAMLReader.parse(text, source: "a.yaml", limits: limits)
    }

    @Test func aliasesRepeatTheAnchoredValue() throws {
        let yaml = """
            base: &base {type: text, required: true}
            name: &n Ada
            copy: *base
            names: [*n, *n]
            *n : key from alias
            """
        let base: JSONValue = ["type": "text", "required": true]
        #expect(
            try parse(yaml) == [
                "base": base, "name": "Ada", "copy": base, "names": ["Ada", "Ada"], "Ada": "key from alias",
            ]
        )
    }

    @Test func mergeKeysFillOnlyMissingKeys() throws {
        let yaml = """
            defaults: &d {type: text, required: false, indexed: true}
            extra: &e {unique: true, indexed: false}
            field:
              <<: [*d, *e]
              required: true
              field_name: email
            single:
              <<: *e
            """
        let value = try parse(yaml)
        #expect(
            value["field"]
                == ["type": "text", "required": true, "indexed": true, "unique": true, "field_name": "email"]
        )
        #expect(value["single"] == ["unique": true, "indexed": false])
        #expect(try parse("'<<': 1\n") == ["<<": 1])
        #expect(try parse("!!str <<: 1\n") == ["<<": 1])
    }

    @Test func mergedKeysDoNotCountAsDuplicates() throws {
        #expect(try parse("a: &a {x: 1}\nb:\n  x: 2\n  <<: *a\n")["b"] == ["x": 2])
        #expect(throws: ArchiveError.self) { try parse("a: &a {x: 1}\nb:\n  <<: *a\n  <<: *a\n") }
    }

    @Test func anAnchoredKeyWithoutAJSONValueServesOnlyAsAKey() throws {
        #expect(try parse("&k .nan : 1\nm: {*k : 2}\n") == [".nan": 1, "m": [".nan": 2]])
        let error = try #require(throws: ArchiveError.self) { try parse("&k .nan : 1\nv: *k\n") }
        #expect(error.message == "a.yaml:2:4: '.nan' cannot be represented in JSON")
    }

    @Test func billionLaughsStopsAtTheExpansionLimit() throws {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("a\(level): &a\(level) [\(refs)]")
        }
        let error = try #require(throws: ArchiveError.self) { try parse(lines.joined(separator: "\n")) }
        #expect(error.code == .invalidData)
        #expect(error.message.contains("aliases expand to more than 1000000 nodes"))
        let small = lines.prefix(3).joined(separator: "\n")
        #expect(throws: ArchiveError.self) { try parse(small, limits: YAMLReader.Limits(maximumAliasExpansion: 100)) }
        #expect(try parse(small)["a2"]?.arrayValue?.count == 10)
    }

    @Test func depthIsLimitedIncludingAliases() throws {
        let deep = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try parse(deep) }
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        let error = try #require(throws: ArchiveError.self) { try parse(tooDeep) }
        #expect(error.message == "a.yaml:1:513: nesting deeper than 512 levels")
        let limits = YAMLReader.Limits(maximumDepth: 4)
        #expect(try parse("a: &a [[1]]\nb: [*a]\n", limits: limits)["b"] == [[[1]]])
        #expect(throws: ArchiveError.self) { try parse("a: &a [[1]]\nb: [[*a]]\n", limits: limits) }
        let blockDeep = (0..<600).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n")
        #expect(throws: ArchiveError.self) { try parse(blockDeep) }
    }
}
