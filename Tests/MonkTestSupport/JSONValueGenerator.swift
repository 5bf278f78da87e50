import MonkCore

/// Generates random ``JSONValue``s from a seed, leaning on the awkward corners: control characters, quotes and
/// backslashes, non-ASCII and astral scalars, keys that sort differently escaped, huge and tiny numbers.
///
/// ```swift
/// var generator = JSONValueGenerator(seed: 7)
/// let value = generator.value()            // an object or array up to 4 levels deep
/// ```
package struct JSONValueGenerator {
    package var random: SeededGenerator

    package init(seed: Int) {
        random = SeededGenerator(seed: seed)
    }

    /// A container (object or array) nesting at most `depth` levels.
    package mutating func value(depth: Int = 4) -> JSONValue {
        random.oneIn(3) ? .array(array(depth: depth)) : .object(object(depth: depth))
    }

    /// Any value, containers only while `depth > 0`.
    package mutating func anyValue(depth: Int) -> JSONValue {
        switch Int.random(in: 0..<(depth > 0 ? 8 : 6), using: &random) {
        case 0: return .null
        case 1: return .bool(random.oneIn(2))
        case 2, 3: return .number(number())
        case 4, 5: return .string(string())
        case 6: return .array(array(depth: depth - 1))
        default: return .object(object(depth: depth - 1))
        }
    }

    package mutating func object(depth: Int) -> JSONObject {
        var object = JSONObject()
        for _ in 0..<Int.random(in: 0...6, using: &random) {
            object[string(maxLength: 8)] = anyValue(depth: depth)
        }
        return object
    }

    package mutating func array(depth: Int) -> [JSONValue] {
        (0..<Int.random(in: 0...5, using: &random)).map { _ in anyValue(depth: depth) }
    }

    /// A string mixing ASCII with escapable and multi-byte scalars.
    package mutating func string(maxLength: Int = 16) -> String {
        let pool: [Unicode.Scalar] = [
            "a", "b", "z", "A", "0", " ", "_", ".", "/", "\"", "\\", "\u{0}", "\u{1}", "\u{8}", "\u{9}", "\u{A}",
            "\u{C}", "\u{D}", "\u{1F}", "\u{7F}", "\u{80}", "é", "ß", "\u{7FF}", "\u{800}", "中", "\u{FFFD}",
            "\u{FFFF}", "😀", "\u{10000}", "\u{10FFFF}",
        ]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...maxLength, using: &random) {
            if random.oneIn(2) {
                scalars.append(Unicode.Scalar(UInt8.random(in: 0x61...0x7A, using: &random)))
            } else {
                scalars.append(pool[Int.random(in: 0..<pool.count, using: &random)])
            }
        }
        return String(scalars)
    }

    /// A number: small and big integers, decimals, and exponents far outside `Double`'s range.
    package mutating func number() -> JSONNumber {
        let digits = String(
            (0..<Int.random(in: 1...25, using: &random)).map { _ in
                Character(Unicode.Scalar(UInt8.random(in: 0x30...0x39, using: &random)))
            }
        )
        let trimmed = String(digits.drop { $0 == "0" })
        let integer = trimmed.isEmpty ? "0" : trimmed
        var literal = (random.oneIn(3) ? "-" : "") + integer
        if random.oneIn(2) { literal += "." + String(Int.random(in: 0...99_999, using: &random)) }
        if random.oneIn(4) { literal += "e" + String(Int.random(in: -500...500, using: &random)) }
        return JSONNumber(literal) ?? 0
    }
}
