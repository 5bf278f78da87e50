import MonkCore

/// Writes a ``JSONValue`` as valid but non-canonical JSON: random whitespace, shuffled keys, gratuitous escapes
/// (`\/`, `\u00E9`, surrogate pairs) and other spellings of each number (`1.50`, `15e-1`, `0.15E+1`).
///
/// Parsing the output gives back a value equal to the input, so it drives the "spelling never changes the
/// canonical bytes or the hash" properties.
package struct NoisyJSONWriter {
    package var random: SeededGenerator

    package init(seed: Int) {
        random = SeededGenerator(seed: seed)
    }

    package mutating func write(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    private mutating func write(_ value: JSONValue, into out: inout String) {
        out += whitespace()
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let number): out += spell(number)
        case .string(let string): writeString(string, into: &out)
        case .array(let elements):
            out += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { out += "," }
                write(element, into: &out)
            }
            out += whitespace() + "]"
        case .object(let object):
            out += "{"
            for (index, member) in object.members.shuffled(using: &random).enumerated() {
                if index > 0 { out += "," }
                out += whitespace()
                writeString(member.key, into: &out)
                out += whitespace() + ":"
                write(member.value, into: &out)
            }
            out += whitespace() + "}"
        }
        out += whitespace()
    }

    private mutating func whitespace() -> String {
        ["", "", "", " ", "\n", "\t", "\r\n", "  "][Int.random(in: 0..<8, using: &random)]
    }

    private mutating func writeString(_ string: String, into out: inout String) {
        out += "\""
        for scalar in string.unicodeScalars {
            let value = scalar.value
            switch scalar {
            case "\"": out += random.oneIn(3) ? "\\u0022" : "\\\""
            case "\\": out += random.oneIn(3) ? "\\u005C" : "\\\\"
            case "/" where random.oneIn(2): out += "\\/"
            case "\n" where random.oneIn(2): out += "\\n"
            case _ where value < 0x20: out += Self.unicodeEscape(UInt16(value), uppercase: random.oneIn(2))
            case _ where random.oneIn(4):
                for unit in String(scalar).utf16 { out += Self.unicodeEscape(unit, uppercase: random.oneIn(2)) }
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    private static func unicodeEscape(_ unit: UInt16, uppercase: Bool) -> String {
        let hex = String(unit, radix: 16, uppercase: uppercase)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }

    /// Another literal with the same value: the digits shifted against the exponent, with padding zeros.
    private mutating func spell(_ number: JSONNumber) -> String {
        let parts = number.decomposed
        if parts.digits.isEmpty {
            return ["0", "-0", "0.0", "0e5", "-0.000", "0E-2"][Int.random(in: 0..<6, using: &random)]
        }
        let padded = parts.digits + Array(repeating: UInt8(ascii: "0"), count: Int.random(in: 0...2, using: &random))
        let integerLength = Int.random(in: 0...min(padded.count, 3), using: &random)
        let exponent = parts.pointPosition - integerLength
        var literal = parts.isNegative ? "-" : ""
        literal += integerLength == 0 ? "0" : String(decoding: padded[0..<integerLength], as: UTF8.self)
        if integerLength < padded.count { literal += "." + String(decoding: padded[integerLength...], as: UTF8.self) }
        if exponent != 0 || random.oneIn(3) {
            literal += (random.oneIn(2) ? "e" : "E") + (exponent >= 0 && random.oneIn(2) ? "+" : "") + String(exponent)
        }
        return literal
    }
}
