import MonkArchive
import MonkCore
import Testing

@Suite struct YAMLReaderTests {
    private func parse(_ text: String) throws -> JSONValue {
        try YAMLReader.parse(text, source: "t.yaml")
    }

    private func number(_ literal: String) -> JSONValue {
        guard let number = JSONNumber(literal) else {
            Issue.record("bad literal \(literal)")
            return .null
        }
        return .number(number)
    }

    @Test(arguments: [
        ("~", JSONValue.null), ("null", .null), ("Null", .null), ("NULL", .null), ("", .null),
        ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)), ("false", .bool(false)),
        ("FALSE", .bool(false)), ("yes", "yes"), ("off", "off"), ("tRUE", "tRUE"), ("nil", "nil"),
        ("hello world", "hello world"), ("a:b", "a:b"), ("-a", "-a"), (".", "."), ("0x", "0x"), ("1_000", "1_000"),
        ("2024-01-01", "2024-01-01"), ("1.2.3", "1.2.3"), ("+", "+"), ("e5", "e5"), ("1e", "1e"),
    ])
    func plainScalarsResolveWithTheCoreSchema(_ text: String, expected: JSONValue) throws {
        #expect(try parse(text) == expected)
    }

    @Test(arguments: [
        ("0", "0"), ("-0", "0"), ("+12", "12"), ("007", "7"),
        ("12345678901234567890123", "1.2345678901234567890123e+22"),
        ("0o17", "15"), ("0x1F", "31"), ("0xffffffffffffffffffff", "1.208925819614629174706175e+24"),
        ("1.50", "1.5"), (".5", "0.5"), ("-.5", "-0.5"), ("1.", "1"), ("+1.5e3", "1500"), ("1E-2", "0.01"),
        ("1e400", "1e+400"), ("0.1000000000000000055511151231257827", "0.1000000000000000055511151231257827"),
        ("-00.25e+01", "-2.5"),
    ])
    func numbersKeepTheirExactValue(_ text: String, canonical: String) throws {
        #expect(try parse(text).numberValue?.canonical == canonical)
    }

    @Test(arguments: [
        ("'true'", JSONValue.string("true")), ("\"123\"", "123"), ("''", ""), ("\"null\"", "null"),
        ("!!str 123", "123"), ("!!str true", "true"), ("!!int \"42\"", 42), ("!!float 1", 1), ("!!bool 'TRUE'", true),
        ("!!null ''", .null), ("! 12", "12"), ("\"a\\tb\\u00e9\"", "a\tbé"), ("!!str", ""),
    ])
    func quotedAndTaggedScalars(_ yaml: String, expected: JSONValue) throws {
        #expect(try parse(yaml) == expected)
    }

    @Test(arguments: [
        ".inf", "-.Inf", ".NaN", "!!int 1.5", "!!int abc", "!!bool yes", "!!null 0", "!!float x", "!!binary aGk=",
        "!custom x", "!!timestamp 2001-12-14", "a: 1\na: 2", "{a: 1, a: 2}", "[1, 2", "a: [1\n", "key: 'open",
        "a:\n\tb: 1", "? [1, 2]\n: x", "{[a]: 1}", "*unknown", "&a [*a]", "- &x 1\n- *y", "a: 1\n---\nb: 2",
        "<<: 1", "a: 1\n<<: [1]", "\"\\uD800\"", "!!map [1]", "!!seq {a: 1}", "x: .nan",
        "0x" + String(repeating: "f", count: 300),
    ])
    func malformedOrUnrepresentableYAMLIsRejected(_ yaml: String) {
        #expect(throws: ArchiveError.self) { try parse(yaml) }
    }

    @Test func errorsNameSourceLineAndColumn() throws {
        let error = try #require(throws: ArchiveError.self) {
            try YAMLReader.parse("name: a\nlist:\n  - 1\n  - x: .inf\n", source: "fixtures/users.yaml")
        }
        #expect(error.code == .invalidData)
        #expect(error.message == "fixtures/users.yaml:4:8: '.inf' cannot be represented in JSON")
        let duplicate = try #require(throws: ArchiveError.self) { try parse("a: 1\nb: 2\na: 3\n") }
        #expect(duplicate.message == "t.yaml:3:1: duplicate key 'a'")
        let syntax = try #require(throws: ArchiveError.self) { try parse("a: [1, 2\nb: 3\n") }
        #expect(syntax.message.hasPrefix("t.yaml:"))
        let encoding = try #require(throws: ArchiveError.self) {
            try YAMLReader.parse(Array("a: 1\nb: x".utf8) + [0xFF], source: "bad.yaml")
        }
        #expect(encoding.message.hasPrefix("bad.yaml:2:5: "))
    }

    @Test func mappingsKeepKeysAsTextAndNestBlocksAndFlows() throws {
        let yaml = """
            1: one
            1.50: x
            ~: n
            true: t
            .inf: i
            "quoted": q
            models:
              - model_name: task
                fields:
                  - { field_name: title, type: text, required: true }
              - []
            empty: {}
            """
        let value = try parse(yaml)
        let expected: JSONValue = [
            "1": "one", "1.50": "x", "~": "n", "true": "t", ".inf": "i", "quoted": "q",
            "models": [
                ["model_name": "task", "fields": [["field_name": "title", "type": "text", "required": true]]], [],
            ],
            "empty": [:],
        ]
        #expect(value == expected)
    }

    @Test func documentsEmptyMarkedAndMany() throws {
        #expect(try parse("") == .null)
        #expect(try parse("# only a comment\n") == .null)
        #expect(try parse("---\na: 1\n...\n") == ["a": 1])
        #expect(try YAMLReader.parseAll("a: 1\n---\n- 2\n---\n", source: "m.yaml") == [["a": 1], [2], .null])
        #expect(try YAMLReader.parseAll("", source: "m.yaml") == [])
        let error = try #require(throws: ArchiveError.self) { try parse("a: 1\n---\nb: 2\n") }
        #expect(error.message.contains("more than one document"))
    }

    @Test func byteOrderMarkAndUTF16AreRead() throws {
        #expect(try YAMLReader.parse([0xEF, 0xBB, 0xBF] + Array("a: é".utf8), source: "b.yaml") == ["a": "é"])
        let utf16: [UInt8] = [0xFF, 0xFE] + "k: v".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try YAMLReader.parse(utf16, source: "w.yaml") == ["k": "v"])
    }
}
