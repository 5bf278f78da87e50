import MonkCore
import Testing

@Suite struct JSONParserTests {
    /// Valid documents and their canonical text.
    static let accepted: [(String, String)] = [
        (#"{"a":1}"#, #"{"a":1}"#),
        (" [1, 2 ,3 ] \n", "[1,2,3]"),
        ("{ }", "{}"),
        ("[\t]", "[]"),
        ("true", "true"), ("false", "false"), ("null", "null"), ("\"\"", "\"\""), ("0", "0"),
        (#""\u00e9""#, #""é""#),
        (#""\/""#, #""/""#),
        (#""\ud83d\ude00""#, #""😀""#),
        (#""\uD83D\uDE00""#, #""😀""#),
        (#""\uDBFF\uDFFF""#, "\"\u{10FFFF}\""),
        (#""\u0000""#, #""\u0000""#),
        (#""\u001F""#, #""\u001f""#),
        (#""\u0008\u0009\u000a\u000C\u000d""#, #""\b\t\n\f\r""#),
        (#""\b\f\n\r\t\"\\""#, #""\b\f\n\r\t\"\\""#),
        (#""\u007f\u0080\uFFFF""#, "\"\u{7F}\u{80}\u{FFFF}\""),
        ("\"é中😀\u{10FFFF}\u{7FF}\u{800}\"", "\"é中😀\u{10FFFF}\u{7FF}\u{800}\""),
        (#"{"b":1,"a":2,"A":3,"é":4,"aa":5}"#, #"{"A":3,"a":2,"aa":5,"b":1,"é":4}"#),
        (#"{"a#":1,"a\"":2}"#, #"{"a\"":2,"a#":1}"#),
        (#"{"\n":2,"\u0001":1}"#, #"{"\u0001":1,"\n":2}"#),
        (#"{"z":{"y":[{"b":1,"a":0}]},"a":null}"#, #"{"a":null,"z":{"y":[{"a":0,"b":1}]}}"#),
        ("-9223372036854775808", "-9223372036854775808"),
        ("123456789012345678901", "123456789012345678901"),
        ("1234567890123456789012", "1.234567890123456789012e+21"),
        ("0.000001", "0.000001"), ("1e-400", "1e-400"), ("0e999999999", "0"), ("1e999999999", "1e+999999999"),
        ("-0.0e-5", "0"), ("1E+2", "100"), ("2.50e-1", "0.25"),
    ]

    @Test(arguments: accepted)
    func acceptsAndCanonicalizes(input: String, canonical: String) throws {
        #expect(try JSONParser.parse(input).canonicalString == canonical)
        var canonicalizer = Canonicalizer()
        #expect(String(decoding: try canonicalizer.canonicalize(input), as: UTF8.self) == canonical)
    }

    /// Invalid documents and the error code each must give.
    static let rejected: [(String, [UInt8], JSONError.Code)] = [
        ("empty", [], .unexpectedEnd),
        ("only whitespace", Array(" \n".utf8), .unexpectedEnd),
        ("trailing comma in object", Array(#"{"a":1,}"#.utf8), .unexpectedByte),
        ("trailing comma in array", Array("[1,]".utf8), .unexpectedByte),
        ("missing comma", Array("[1 2]".utf8), .unexpectedByte),
        ("missing colon", Array(#"{"a" 1}"#.utf8), .unexpectedByte),
        ("unquoted key", Array("{a:1}".utf8), .unexpectedByte),
        ("duplicate key", Array(#"{"a":1,"a":2}"#.utf8), .duplicateKey),
        ("duplicate key apart", Array(#"{"a":1,"b":0,"a":2}"#.utf8), .duplicateKey),
        ("duplicate key escaped", Array(#"{"\u0061":1,"a":2}"#.utf8), .duplicateKey),
        ("NaN", Array("NaN".utf8), .unexpectedByte),
        ("Infinity", Array("Infinity".utf8), .unexpectedByte),
        ("-Infinity", Array("-Infinity".utf8), .invalidNumber),
        ("leading zero", Array("01".utf8), .invalidNumber),
        ("negative leading zero", Array("-01".utf8), .invalidNumber),
        ("point without digits", Array("1.".utf8), .invalidNumber),
        ("leading point", Array(".5".utf8), .unexpectedByte),
        ("empty exponent", Array("1e".utf8), .invalidNumber),
        ("signed empty exponent", Array("1e+".utf8), .invalidNumber),
        ("plus sign", Array("+1".utf8), .unexpectedByte),
        ("hex", Array("0x10".utf8), .trailingData),
        ("huge exponent", Array("1e1000000000".utf8), .invalidNumber),
        ("unterminated string", Array(#""abc"#.utf8), .unexpectedEnd),
        ("bad escape", Array(#""\x""#.utf8), .invalidEscape),
        ("short unicode escape", Array(#""\u12""#.utf8), .invalidEscape),
        ("non-hex unicode escape", Array(#""\uZZZZ""#.utf8), .invalidEscape),
        ("lone high surrogate", Array(#""\ud800""#.utf8), .invalidEscape),
        ("lone low surrogate", Array(#""\udc00""#.utf8), .invalidEscape),
        ("high surrogate then letter", Array(#""\ud800\u0041""#.utf8), .invalidEscape),
        ("high surrogate then text", Array(#""\ud800x""#.utf8), .invalidEscape),
        ("raw control character", [0x22, 0x01, 0x22], .controlCharacter),
        ("raw tab", [0x22, 0x09, 0x22], .controlCharacter),
        ("raw line feed", [0x22, 0x0A, 0x22], .controlCharacter),
        ("overlong 2-byte", [0x22, 0xC0, 0xAF, 0x22], .invalidUTF8),
        ("overlong 3-byte", [0x22, 0xE0, 0x80, 0xAF, 0x22], .invalidUTF8),
        ("overlong 4-byte", [0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22], .invalidUTF8),
        ("UTF-8 surrogate", [0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8),
        ("above U+10FFFF", [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8),
        ("F5 lead", [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], .invalidUTF8),
        ("truncated 2-byte", [0x22, 0xC3, 0x22], .invalidUTF8),
        ("truncated 3-byte", [0x22, 0xE4, 0xB8, 0x22], .invalidUTF8),
        ("truncated at end", [0x22, 0xE4, 0xB8], .invalidUTF8),
        ("lone continuation", [0x22, 0x80, 0x22], .invalidUTF8),
        ("FF byte", [0x22, 0xFF, 0x22], .invalidUTF8),
        ("bad literal", Array("tru".utf8), .unexpectedEnd),
        ("misspelled literal", Array("nul1".utf8), .unexpectedByte),
        ("literal with tail", Array("truex".utf8), .trailingData),
        ("two documents", Array("{} {}".utf8), .trailingData),
        ("extra bracket", Array("[1]]".utf8), .trailingData),
        ("unclosed array", Array("[".utf8), .unexpectedEnd),
        ("unclosed object", Array(#"{"a":"#.utf8), .unexpectedEnd),
        ("key without value", Array(#"{"a""#.utf8), .unexpectedEnd),
        ("byte order mark", [0xEF, 0xBB, 0xBF, 0x31], .unexpectedByte),
        ("single quotes", Array("'a'".utf8), .unexpectedByte),
        (
            "too deep", Array(String(repeating: "[", count: 513).utf8) + Array(String(repeating: "]", count: 513).utf8),
            .tooDeep
        ),
    ]

    @Test(arguments: rejected)
    func rejectsWithCode(name: String, input: [UInt8], code: JSONError.Code) {
        #expect(throws: JSONError.self, "\(name)") { try JSONParser.parse(input) }
        do {
            _ = try JSONParser.parse(input)
        } catch {
            #expect(error.code == code, "\(name): \(error)")
            #expect(error.offset <= input.count)
        }
        var canonicalizer = Canonicalizer()
        do {
            _ = try canonicalizer.canonicalize(input)
            Issue.record("\(name): canonicalizer accepted invalid input")
        } catch {
            #expect(error.code == code, "\(name): \(error)")
        }
    }

    @Test func acceptsNestingUpToTheLimit() throws {
        let deep = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try JSONParser.parse(deep).canonicalString == deep)
        let shallow = JSONParser.Options(maximumDepth: 3)
        #expect(throws: JSONError.self) { try JSONParser.parse("[[[[]]]]", options: shallow) }
        #expect(try JSONParser.parse("[[[]]]", options: shallow) == [[[]]])
    }

    @Test func errorsNameLineColumnOffsetAndExpectation() throws {
        let duplicate = "{\n  \"a\": 1,\n  \"a\": 2\n}"
        let error = try #require(throws: JSONError.self) { try JSONParser.parse(duplicate) }
        #expect(error.code == .duplicateKey)
        #expect((error.line, error.column, error.offset) == (3, 3, 14))

        let trailing = try #require(throws: JSONError.self) { try JSONParser.parse("[1,\n2,]") }
        #expect((trailing.line, trailing.column, trailing.offset) == (2, 3, 6))
        #expect(trailing.description == "line 2, column 3 (byte 6): expected a value after ',', found ']'")

        let control = try #require(throws: JSONError.self) { try JSONParser.parse([0x22, 0x61, 0x01, 0x22]) }
        #expect(control.message == "control character byte 0x01 in string")
        #expect(control.offset == 2)
    }

    @Test func keepsNumbersExact() throws {
        let value = try JSONParser.parse(#"{"big":12345678901234567890123,"small":1e-400,"price":0.10}"#)
        #expect(value["big"]?.numberValue?.canonical == "1.2345678901234567890123e+22")
        #expect(value["small"]?.numberValue?.canonical == "1e-400")
        #expect(value["price"] == .number(try #require(JSONNumber("0.1"))))
    }

    @Test func parsesSlicesAndStrings() throws {
        let bytes = Array("xx[1,\"a\"]yy".utf8)
        #expect(try JSONParser.parse(bytes[2..<9]) == [1, "a"])
        #expect(try JSONParser.parse("  {\"k\":true}  ") == ["k": true])
    }
}
