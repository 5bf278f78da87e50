import MonkCore

extension YAMLWriter {
    /// Whether `text` must be double-quoted to read back as the same string.
    ///
    /// Quoted: the empty string; anything the core schema reads as null, bool or number (`"true"`, `"123"`,
    /// `"null"`, `".inf"`); YAML 1.1 booleans (`yes`, `off`, …) and anything starting like a number (`1_000`,
    /// `2024-01-01`), so older readers agree too; a leading indicator (`-?:,[]{}#&*!|>'"%@` and backquote) or
    /// `<<`; leading or trailing spaces; `: ` or a trailing `:`; `#`; a document marker prefix `...`; and any
    /// character that is not printable or is a line break (newlines, tabs, C0/C1 controls, U+2028, U+2029,
    /// U+FEFF, U+FFFE, U+FFFF).
    static func needsQuotes(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last else { return true }
        if indicators.contains(first) || first == UInt8(ascii: " ") || last == UInt8(ascii: " ") { return true }
        if last == UInt8(ascii: ":") || text == "<<" || text.hasPrefix("...") { return true }
        if looksNumeric(bytes) || yaml11Words.contains(text.lowercased()) { return true }
        if text.unicodeScalars.contains(where: { !isPlainSafe($0) }) { return true }
        if text.contains(": ") || text.contains("#") { return true }
        // The reader's own resolution is the final word: anything but a string, or a rejected scalar (`.nan`),
        // needs quotes, so the error itself carries no information here.
        guard case .string = try? YAMLScalarResolver.resolvePlain(text) else { return true }
        return false
    }

    /// `text` in double quotes, with `"`, `\` and every non-printable or line-breaking character escaped.
    static func doubleQuoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\0": output += "\\0"
            case "\u{07}": output += "\\a"
            case "\u{08}": output += "\\b"
            case "\t": output += "\\t"
            case "\n": output += "\\n"
            case "\u{0B}": output += "\\v"
            case "\u{0C}": output += "\\f"
            case "\r": output += "\\r"
            case "\u{1B}": output += "\\e"
            case "\u{85}": output += "\\N"
            case "\u{2028}": output += "\\L"
            case "\u{2029}": output += "\\P"
            default:
                if isPlainSafe(scalar) {
                    output.unicodeScalars.append(scalar)
                } else if scalar.value <= 0xFF {
                    output += "\\x" + hex(scalar.value, digits: 2)
                } else {
                    output += "\\u" + hex(scalar.value, digits: 4)
                }
            }
        }
        return output + "\""
    }

    /// Characters that may appear raw in a plain scalar: YAML's printable set minus line breaks, tabs and BOM.
    private static func isPlainSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Starts with a digit, or with a sign or point before a digit.
    private static func looksNumeric(_ bytes: String.UTF8View) -> Bool {
        var iterator = bytes.makeIterator()
        guard let first = iterator.next() else { return false }
        if isDigit(first) { return true }
        guard first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: ".") else {
            return false
        }
        return iterator.next().map(isDigit) ?? false
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// Bytes that start an indicator when they begin a plain scalar.
    private static let indicators: Set<UInt8> = Set("-?:,[]{}#&*!|>'\"%@`".utf8)

    /// YAML 1.1 booleans, which YAML 1.2 reads as strings but older readers do not.
    private static let yaml11Words: Set<String> = ["y", "n", "yes", "no", "on", "off"]
}
