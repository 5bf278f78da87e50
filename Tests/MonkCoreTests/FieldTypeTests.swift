import MonkCore
import Testing

private func num(_ literal: String) -> JSONValue { JSONNumber(literal).map(JSONValue.number) ?? .null }

/// A field type, an input value, and its wire form (`nil`: rejected with `INVALID_TYPE`).
struct NormalizationRow: Sendable, CustomTestStringConvertible {
    let type: FieldType
    let input: JSONValue
    let output: JSONValue?
    init(_ type: FieldType, _ input: JSONValue, _ output: JSONValue?) {
        (self.type, self.input, self.output) = (type, input, output)
    }
    var testDescription: String { "\(type.apiName) \(input)" }
}

@Suite struct FieldTypeTests {
    static let rows: [NormalizationRow] = [
        .init(.text, "héllo", "héllo"), .init(.text, 5, nil), .init(.text, true, nil),
        .init(.text, nil, nil as JSONValue),
        .init(.integer, 5, 5), .init(.integer, num("5.0"), 5), .init(.integer, num("5e2"), 500),
        .init(.integer, num("5.5"), nil), .init(.integer, "5", nil),
        .init(.integer, num("9223372036854775807"), num("9223372036854775807")),
        .init(.integer, num("9223372036854775808"), nil),
        .init(.integer, num("-9223372036854775808"), num("-9223372036854775808")),
        .init(.decimal, num("29.99"), num("29.99")), .init(.decimal, "12.50", num("12.5")),
        .init(.decimal, "-.5", num("-0.5")),
        .init(.decimal, "+7.", 7), .init(.decimal, "1e3", 1000),
        .init(.decimal, "12345678901234567890.123456789", num("12345678901234567890.123456789")),
        .init(.decimal, "NaN", nil), .init(.decimal, " 5", nil), .init(.decimal, "", nil), .init(.decimal, ".", nil),
        .init(.decimal, true, nil),
        .init(.boolean, true, true), .init(.boolean, false, false), .init(.boolean, "true", nil),
        .init(.boolean, 1, nil),
        .init(.timestamp, "2025-11-22T19:13:42.123456+01:00", "2025-11-22T18:13:42.123Z"),
        .init(.timestamp, "2025-11-22", "2025-11-22T00:00:00.000Z"),
        .init(.timestamp, "yesterday", nil), .init(.timestamp, 1_700_000_000, nil),
        .init(.date, "2025-11-22", "2025-11-22"), .init(.date, "2025-11-22T00:00:00Z", nil),
        .init(.date, "2025-02-30", nil),
        .init(.uuid, "5B1E0000-ABCD-4000-8000-00000000000A", "5b1e0000-abcd-4000-8000-00000000000a"),
        .init(.uuid, "5b1e0000abcd4000800000000000000a", nil),
        .init(.uuid, "{5b1e0000-abcd-4000-8000-00000000000a}", nil),
        .init(.uuid, "5b1e0000-abcd-4000-8000-00000000000g", nil),
        .init(.jsonb, ["a": [1, nil]], ["a": [1, nil]]), .init(.jsonb, "x", "x"),
        .init(.binary, "QQ==", "QQ=="), .init(.binary, "QR==", "QQ=="), .init(.binary, "", ""),
        .init(.binary, "QQ", nil),
        .init(.binary, "Q===", nil), .init(.binary, "QQ-_", nil), .init(.binary, "AAEC", "AAEC"),
        .init(.textArray, ["a", nil, "b"], ["a", nil, "b"]), .init(.textArray, ["a", 1], nil),
        .init(.textArray, "a", nil),
        .init(.integerArray, [1, num("2.0"), nil], [1, 2, nil]), .init(.decimalArray, ["1.50", 2], [num("1.5"), 2]),
        .init(.uuidArray, ["5B1E0000-ABCD-4000-8000-00000000000A"], ["5b1e0000-abcd-4000-8000-00000000000a"]),
        .init(.uuidArray, [], []),
    ]

    @Test(arguments: rows)
    func normalizesToTheWireForm(row: NormalizationRow) {
        #expect(row.type.normalized(row.input) == row.output)
    }

    @Test func readsTypeNames() {
        #expect(FieldType(apiName: "numeric") == .decimal)
        #expect(FieldType(apiName: "numeric[]") == .decimalArray)
        #expect(FieldType(apiName: "text[]") == .textArray)
        #expect(FieldType(apiName: "varchar") == nil)
        #expect(FieldType.allCases.allSatisfy { FieldType(apiName: $0.apiName) == $0 })
        #expect(FieldType.uuidArray.elementType == .uuid)
        #expect(!FieldType.jsonb.isArray)
    }

    @Test(arguments: [
        (FieldType.integer, "0", 0 as JSONValue?), (.integer, "1.5", nil), (.decimal, "0", 0), (.boolean, "true", true),
        (.boolean, "yes", nil), (.text, "pending", "pending"), (.timestamp, "2025-01-01", "2025-01-01T00:00:00.000Z"),
        (.jsonb, "null", JSONValue.null), (.jsonb, "hello", "hello"), (.textArray, "[]", JSONValue.array([])),
        (.textArray, "a", nil),
        (.uuid, "x", nil),
    ])
    func convertsDefaultValueText(type: FieldType, text: String, value: JSONValue?) {
        #expect(type.defaultValue(fromText: text) == value)
    }
}
