import MonkArchive
import MonkCore
import Testing

@Suite struct YAMLWriterTests {
    @Test(arguments: [
        ("plain", "plain"), ("two words", "two words"), ("http://x.y/z", "http://x.y/z"), ("a:b", "a:b"),
        ("é日本🙂", "é日本🙂"), ("x-y", "x-y"), ("a, b", "a, b"),
        ("", "\"\""), ("true", "\"true\""), ("False", "\"False\""), ("null", "\"null\""), ("~", "\"~\""),
        ("123", "\"123\""), ("-1.5", "\"-1.5\""), (".5", "\".5\""), ("0x1F", "\"0x1F\""), (".inf", "\".inf\""),
        ("yes", "\"yes\""), ("Off", "\"Off\""), ("2024-01-01", "\"2024-01-01\""), ("1_000", "\"1_000\""),
        (" lead", "\" lead\""), ("trail ", "\"trail \""), ("a: b", "\"a: b\""), ("end:", "\"end:\""),
        ("a #b", "\"a #b\""), ("#c", "\"#c\""), ("- x", "\"- x\""), ("? k", "\"? k\""), ("[x]", "\"[x]\""),
        ("{y}", "\"{y}\""), ("&a", "\"&a\""), ("*a", "\"*a\""), ("!t", "\"!t\""), ("|", "\"|\""), (">", "\">\""),
        ("'q'", "\"'q'\""), ("\"q\"", "\"\\\"q\\\"\""), ("%x", "\"%x\""), ("@x", "\"@x\""), ("`x", "\"`x\""),
        ("<<", "\"<<\""), ("...", "\"...\""), ("---", "\"---\""), ("a\nb", "\"a\\nb\""),
        ("tab\there", "\"tab\\there\""),
        ("back\\slash", "back\\slash"), ("nul\0", "\"nul\\0\""), ("del\u{7F}", "\"del\\x7F\""),
        ("nel\u{85}", "\"nel\\N\""), ("ls\u{2028}", "\"ls\\L\""), ("bom\u{FEFF}", "\"bom\\uFEFF\""),
        ("c1\u{9F}", "\"c1\\x9F\""), ("esc\u{1B}", "\"esc\\e\""), ("cr\r", "\"cr\\r\""),
    ])
    func stringsAreQuotedWhenAPlainScalarWouldMeanSomethingElse(_ text: String, expected: String) throws {
        let yaml = YAMLWriter.encode(.string(text))
        #expect(yaml == expected + "\n")
        #expect(try YAMLReader.parse(yaml, source: "q.yaml") == .string(text))
    }

    @Test func layoutIsBlockStyleInKeyOrderWithTwoSpaceIndentation() throws {
        let value: JSONValue = [
            "models": [
                ["model_name": "task", "fields": [["field_name": "title", "required": true], [:]]],
                [["nested"], []],
            ],
            "count": .number(JSONNumber("1.50") ?? 0),
            "empty": [:],
            "none": nil,
            "matrix": [[1, 2], [3]],
        ]
        let expected = """
            count: 1.5
            empty: {}
            matrix:
              - - 1
                - 2
              - - 3
            models:
              - fields:
                  - field_name: title
                    required: true
                  - {}
                model_name: task
              - - - nested
                - []
            none: null

            """
        let yaml = YAMLWriter.encode(value)
        #expect(yaml == expected)
        #expect(try YAMLReader.parse(yaml, source: "l.yaml") == value)
    }

    @Test(
        arguments: [
            (JSONValue.null, "null\n"), (true, "true\n"), (JSONValue.number(JSONNumber("1e400") ?? 0), "1e+400\n"),
            ([], "[]\n"), ([:], "{}\n"), (["a": []], "a: []\n"), ([["": 1]], "- \"\": 1\n"),
        ] as [(JSONValue, String)]
    )
    func scalarsAndEmptyContainers(_ value: JSONValue, expected: String) {
        #expect(YAMLWriter.encode(value) == expected)
    }

    @Test func longKeysUseTheExplicitForm() throws {
        let key = String(repeating: "k", count: 1100)
        let value: JSONValue = ["list": [[key: ["a": 1]]], key: "v"]
        let yaml = YAMLWriter.encode(value)
        #expect(yaml.contains("? \(key)\n: v\n"))
        #expect(try YAMLReader.parse(yaml, source: "k.yaml") == value)
    }

    @Test(arguments: 1...300)
    func parseOfEncodeIsIdentity(seed: Int) throws {
        var generator = JSONValueGenerator(seed: seed)
        let value = generator.value()
        let yaml = YAMLWriter.encode(value)
        let reread = try YAMLReader.parse(yaml, source: "seed-\(seed).yaml")
        #expect(reread == value, "seed \(seed):\n\(yaml)")
        #expect(YAMLWriter.encode(reread) == yaml)
    }
}
