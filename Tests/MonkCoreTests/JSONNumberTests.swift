import MonkCore
import Testing

@Suite struct JSONNumberTests {
    @Test(arguments: [
        ("1.50", "1.5"), ("1e2", "100"), ("-0", "0"), ("-0.0", "0"), ("1e400", "1e+400"),
        ("12345678901234567890", "12345678901234567890"), ("100.0", "100"), ("0.001", "0.001"),
        ("1E-7", "0.0000001"), ("-12.340e1", "-123.4"), ("123456789012345678901234", "1.23456789012345678901234e+23"),
        ("1e-30", "1e-30"), ("0e10", "0"), ("2.5E+3", "2500"),
    ])
    func canonicalSpelling(literal: String, canonical: String) throws {
        let number = try #require(JSONNumber(literal))
        #expect(number.canonical == canonical)
    }

    @Test(arguments: ["", "-", "01", "1.", ".5", "1e", "1e+", "+1", "0x10", "1.5.2", "NaN", "Infinity", "1e9999999999"])
    func rejectsNonLiterals(literal: String) {
        #expect(JSONNumber(literal) == nil)
    }

    @Test func ordersByValue() throws {
        let sorted = ["-1e400", "-5", "-0.5", "0", "1e-30", "0.5", "1", "1.5", "2", "10", "1e400"]
            .compactMap { JSONNumber($0) }
        #expect(sorted.count == 11)
        for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(a < b) }
        #expect(try #require(JSONNumber("100")) == #require(JSONNumber("1e2")))
    }

    @Test func exactIntegers() throws {
        #expect(try #require(JSONNumber("9223372036854775807")).int64Value == Int64.max)
        #expect(try #require(JSONNumber("-9223372036854775808")).int64Value == Int64.min)
        #expect(try #require(JSONNumber("9223372036854775808")).int64Value == nil)
        #expect(try #require(JSONNumber("5e2")).int64Value == 500)
        #expect(try #require(JSONNumber("5.5")).int64Value == nil)
    }
}
