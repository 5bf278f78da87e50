import MonkCore
import MonkTestSupport
import Testing

/// ``CompactJSONSpans`` against the parser: over generated canonical documents, every top-level member's value
/// ends where the parser says, whatever the strings hold (quotes and backslashes escaped at every offset of
/// the eight-byte scan, multi-byte UTF-8, nesting).
@Suite struct CompactJSONSpansTests {
    @Test(arguments: 1...300)
    func valueEndsMatchTheParser(seed: Int) throws {
        var random = SeededGenerator(seed: seed)
        var object = JSONObject()
        for index in 0..<Int.random(in: 1...8, using: &random) {
            object["k\(index)\(Self.text(&random))"] = Self.value(&random, depth: 0)
        }
        let bytes = JSONValue.object(object).canonicalBytes
        // Walk the members with the spans, and rebuild each value from its bytes.
        var parsed = JSONObject()
        try bytes.withUnsafeBufferPointer { buffer in
            let base = try #require(buffer.baseAddress)
            let end = buffer.count - 1
            var index = 1
            while index < end {
                let keyEnd = try #require(CompactJSONSpans.stringEnd(base, from: index, limit: end))
                #expect(buffer[keyEnd] == UInt8(ascii: ":"))
                let valueEnd = try #require(CompactJSONSpans.valueEnd(base, from: keyEnd + 1, limit: end))
                let key = try JSONParser.parse(Array(buffer[index..<keyEnd])).stringValue ?? ""
                parsed[key] = try JSONParser.parse(Array(buffer[(keyEnd + 1)..<valueEnd]))
                index = valueEnd < end ? valueEnd + 1 : valueEnd
            }
        }
        #expect(parsed == object, "seed \(seed): \(String(decoding: bytes, as: UTF8.self))")
    }

    @Test func unterminatedStringsAndValuesHaveNoEnd() {
        let bytes = Array(#"{"a":"abc\"def"#.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            #expect(CompactJSONSpans.stringEnd(buffer.baseAddress!, from: 5, limit: buffer.count) == nil)
            #expect(CompactJSONSpans.valueEnd(buffer.baseAddress!, from: 5, limit: buffer.count) == nil)
        }
        let nested = Array(#"{"a":[1,{"b":2}"#.utf8)
        nested.withUnsafeBufferPointer { buffer in
            #expect(CompactJSONSpans.valueEnd(buffer.baseAddress!, from: 5, limit: buffer.count) == nil)
        }
    }

    /// A string of 0–20 characters mixing plain ASCII, quotes, backslashes, control characters and non-ASCII.
    static func text(_ random: inout SeededGenerator) -> String {
        let pieces = ["a", "bc", "\"", "\\", "\\\"", "\n", "\u{01}", "é", "€", "𝄞", "12345678", " "]
        return (0..<Int.random(in: 0...20, using: &random)).map { _ in pieces.randomElement(using: &random)! }
            .joined()
    }

    /// A value: strings most often, numbers and literals, and nested arrays and objects.
    static func value(_ random: inout SeededGenerator, depth: Int) -> JSONValue {
        switch Int.random(in: 0..<(depth < 3 ? 7 : 5), using: &random) {
        case 0, 1: return .string(text(&random))
        case 2: return .number(JSONNumber(Int.random(in: -1000...1000, using: &random)))
        case 3: return .bool(Bool.random(using: &random))
        case 4: return .null
        case 5:
            return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in value(&random, depth: depth + 1) })
        default:
            var object = JSONObject()
            for index in 0..<Int.random(in: 0...4, using: &random) {
                object["n\(index)\(text(&random))"] = value(&random, depth: depth + 1)
            }
            return .object(object)
        }
    }
}
