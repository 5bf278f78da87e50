import MonkCore

/// A deterministic generator (SplitMix64), so a failing seed reproduces.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: Int) { state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random JSON values biased towards what trips YAML writers: strings that look like other types, indicators,
/// spaces at the ends, control and line-break characters, long keys, exact numbers and nesting.
struct JSONValueGenerator {
    private var random: SeededGenerator

    init(seed: Int) { random = SeededGenerator(seed: seed) }

    /// Tricky strings and fragments that strings are built from.
    static let fragments: [String] = [
        "", " ", "true", "False", "null", "~", "yes", "No", "on", "123", "-1.5", ".5", "1e3", "0x1F", "0o7", ".inf",
        "-.INF", ".nan", "a: b", "a:", ":", "- x", "-", "? k", "# c", "a #b", "[x]", "{y}", "&a", "*a", "!tag", "|",
        ">", "'", "\"", "%", "@", "`", ",", "<<", "---", "...", "\n", "\r\n", "\t", "\\", "\0", "\u{7F}", "\u{85}",
        "\u{A0}", "\u{2028}", "\u{FEFF}", "\u{FFFF}", "é", "e\u{301}", "日本", "🙂", "plain", "two words", "2024-01-01",
        "12:30", "1_000", "http://x.y/z?a=b", "key", "id", "=", "\u{1B}", "\u{9F}",
    ]

    mutating func value(depth: Int = 0) -> JSONValue {
        let roll = Int.random(in: 0..<(depth >= 4 ? 5 : 8), using: &random)
        switch roll {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .number(number())
        case 3, 4: return .string(string())
        case 5:
            let count = Int.random(in: 0...4, using: &random)
            return .array((0..<count).map { _ in value(depth: depth + 1) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                object[key()] = value(depth: depth + 1)
            }
            return .object(object)
        }
    }

    mutating func string() -> String {
        let parts = Int.random(in: 1...3, using: &random)
        return (0..<parts).map { _ in Self.fragments.randomElement(using: &random) ?? "" }.joined()
    }

    private mutating func key() -> String {
        if Int.random(in: 0..<40, using: &random) == 0 { return String(repeating: "k", count: 1500) }
        return string()
    }

    private mutating func number() -> JSONNumber {
        let literals = ["0", "-7", "1.5", "12345678901234567890123", "1e+400", "-2.5e-30", "0.000001", "100"]
        if Bool.random(using: &random), let literal = literals.randomElement(using: &random),
            let number = JSONNumber(literal)
        {
            return number
        }
        return JSONNumber(Int.random(in: -1_000_000...1_000_000, using: &random))
    }
}
