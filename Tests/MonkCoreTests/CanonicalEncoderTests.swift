import MonkCore
import MonkTestSupport
import Testing

@Suite struct CanonicalEncoderTests {
    /// DESIGN.md §4's table: input literal → canonical text.
    @Test(arguments: [
        ("1.50", "1.5"), ("1e2", "100"), ("-0", "0"), ("-0.0", "0"), ("1e400", "1e+400"),
        ("12345678901234567890", "12345678901234567890"), (#""\u00e9""#, #""é""#), (#""\/""#, #""/""#),
        ("100.0", "100"), (#"{"b":[1.0,2],"a":"x"}"#, #"{"a":"x","b":[1,2]}"#),
    ])
    func designTable(input: String, canonical: String) throws {
        #expect(try JSONParser.parse(input).canonicalString == canonical)
    }

    @Test func escapesOnlyQuoteBackslashAndControls() {
        let value: JSONValue = .string("\"\\/\u{0}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1B}\u{1F} \u{7F}é😀")
        #expect(value.canonicalString == #""\"\\/\u0000\b\t\n\f\r\u001b\u001f "# + "\u{7F}é😀\"")
    }

    @Test func writesObjectsInUTF8KeyOrderWithoutWhitespace() {
        let value: JSONValue = ["é": 1, "z": [true, false, nil], "Z": [:], "a": []]
        #expect(value.canonicalString == #"{"Z":{},"a":[],"z":[true,false,null],"é":1}"#)
        #expect(value.canonicalBytes == Array(value.canonicalString.utf8))
    }

    @Test func prettyPrintsWithTwoSpacesSortedKeysAndTrailingNewline() {
        let value: JSONValue = ["name": "Ada", "tags": ["a", 1], "empty": [:], "none": [], "nested": ["b": nil]]
        let expected = """
            {
              "empty": {},
              "name": "Ada",
              "nested": {
                "b": null
              },
              "none": [],
              "tags": [
                "a",
                1
              ]
            }

            """
        #expect(value.prettyString == expected)
        #expect(JSONValue.array([]).prettyString == "[]\n")
        #expect(JSONValue.string("\n").prettyString == "\"\\n\"\n")
    }

    @Test(arguments: 1...200)
    func canonicalTextIsAFixedPoint(seed: Int) throws {
        var generator = JSONValueGenerator(seed: seed)
        let value = generator.value()
        let canonical = value.canonicalBytes
        let reparsed = try JSONParser.parse(canonical)
        #expect(reparsed == value, "seed \(seed)")
        #expect(reparsed.canonicalBytes == canonical, "seed \(seed)")
        #expect(canonical.withUnsafeBytes { Canonicalizer.isCanonical($0) }, "seed \(seed)")
    }

    @Test(arguments: 1...200)
    func prettyAndCanonicalParseToEqualValues(seed: Int) throws {
        var generator = JSONValueGenerator(seed: seed)
        let value = generator.value()
        #expect(try JSONParser.parse(value.prettyString) == value, "seed \(seed)")
        #expect(try JSONParser.parse(value.prettyString) == JSONParser.parse(value.canonicalString), "seed \(seed)")
    }
}
