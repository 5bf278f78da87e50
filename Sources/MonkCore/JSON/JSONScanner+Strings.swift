/// How the escapes inside a scanned string are spelled.
enum EscapeForm: Comparable {
    /// No backslash at all: the content bytes are the string's UTF-8 bytes.
    case none
    /// Only the escapes canonical JSON writes (`\"`, `\\`, `\b \f \n \r \t`, `\u00xx` lowercase for other
    /// control characters).
    case canonical
    /// At least one escape canonical JSON would spell differently (`\/`, `\u00e9`, `\u001F`, surrogate pairs).
    case other
}

/// A validated string in the input: the bytes between its quotes, and how its escapes look.
struct StringToken {
    /// Offset of the first content byte (after the opening quote).
    var start: Int
    /// Offset of the closing quote.
    var end: Int
    var escapes: EscapeForm
}

// MARK: - Scanning and validation

extension JSONScanner {
    /// Scans the string whose opening quote is at `position` and moves past its closing quote.
    ///
    /// Validates UTF-8 (no overlong forms, no encoded surrogates, nothing past U+10FFFF, no truncation), escapes
    /// (lone `\u` surrogates are errors) and rejects raw control characters. ASCII runs are skipped eight bytes
    /// at a time.
    mutating func scanString() throws(JSONError) -> StringToken {
        let start = position + 1
        var index = start
        var escapes = EscapeForm.none
        while true {
            while index &+ 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if StringBytes.needsAttention(word) { break }
                index &+= 8
            }
            guard index < count else {
                throw error(.unexpectedEnd, "unterminated string starting at byte \(start - 1)", at: index)
            }
            let byte = base[index]
            if byte == ASCII.quote {
                position = index + 1
                return StringToken(start: start, end: index, escapes: escapes)
            } else if byte == ASCII.backslash {
                index = try scanEscape(at: index, escapes: &escapes)
            } else if byte < ASCII.space {
                throw error(.controlCharacter, "control character \(describeByte(at: index)) in string", at: index)
            } else if byte < 0x80 {
                index += 1
            } else {
                index = try scanMultibyte(at: index)
            }
        }
    }

    /// Validates the escape whose backslash is at `index`; returns the offset after it.
    private func scanEscape(at index: Int, escapes: inout EscapeForm) throws(JSONError) -> Int {
        guard index + 1 < count else { throw error(.unexpectedEnd, "unterminated escape", at: index + 1) }
        switch base[index + 1] {
        case ASCII.quote, ASCII.backslash, UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
            UInt8(ascii: "r"), UInt8(ascii: "t"):
            escapes = max(escapes, .canonical)
            return index + 2
        case ASCII.slash:
            escapes = .other
            return index + 2
        case UInt8(ascii: "u"):
            let unit = try hexUnit(at: index + 2)
            if unit >= 0xD800 && unit <= 0xDBFF {
                guard index + 7 < count, base[index + 6] == ASCII.backslash, base[index + 7] == UInt8(ascii: "u")
                else { throw error(.invalidEscape, "lone high surrogate in \\u escape", at: index) }
                let low = try hexUnit(at: index + 8)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw error(.invalidEscape, "high surrogate not followed by a low surrogate", at: index)
                }
                escapes = .other
                return index + 12
            }
            if unit >= 0xDC00 && unit <= 0xDFFF {
                throw error(.invalidEscape, "lone low surrogate in \\u escape", at: index)
            }
            // Canonical JSON spells only control characters without a short form as `\u00xx`, in lowercase.
            let lastDigit = base[index + 5]
            let isCanonical =
                unit < 0x20 && CanonicalEscaping.shortEscape(for: UInt8(unit)) == nil
                && !(lastDigit >= UInt8(ascii: "A") && lastDigit <= UInt8(ascii: "F"))
            escapes = isCanonical ? max(escapes, .canonical) : .other
            return index + 6
        default:
            throw error(.invalidEscape, "invalid escape '\\' followed by \(describeByte(at: index + 1))", at: index)
        }
    }

    /// The value of the four hex digits at `index` (after `\u`).
    private func hexUnit(at index: Int) throws(JSONError) -> UInt32 {
        var value: UInt32 = 0
        for offset in index..<(index + 4) {
            guard offset < count, let digit = StringBytes.hexValue(base[offset]) else {
                throw error(.invalidEscape, "expected four hex digits after \\u", at: offset)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Validates the multi-byte UTF-8 sequence starting at `index`; returns the offset after it.
    private func scanMultibyte(at index: Int) throws(JSONError) -> Int {
        let lead = base[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, low) = (3, 0xA0)
        case 0xED: (length, high) = (3, 0x9F)
        case 0xE1...0xEF: length = 3
        case 0xF0: (length, low) = (4, 0x90)
        case 0xF4: (length, high) = (4, 0x8F)
        case 0xF1...0xF3: length = 4
        case 0xC0, 0xC1: throw error(.invalidUTF8, "overlong UTF-8 encoding", at: index)
        case 0xF5...0xFF: throw error(.invalidUTF8, "UTF-8 code point above U+10FFFF", at: index)
        default: throw error(.invalidUTF8, "unexpected UTF-8 continuation byte", at: index)
        }
        guard index + 1 < count, base[index + 1] >= low, base[index + 1] <= high else {
            throw multibyteError(lead: lead, at: index + 1)
        }
        for offset in (index + 2)..<(index + length) {
            guard offset < count, base[offset] & 0xC0 == 0x80 else {
                throw error(.invalidUTF8, "truncated UTF-8 sequence", at: offset)
            }
        }
        return index + length
    }

    /// Names what is wrong with the second byte of a multi-byte sequence.
    private func multibyteError(lead: UInt8, at offset: Int) -> JSONError {
        let second = offset < count ? base[offset] : 0
        guard second & 0xC0 == 0x80 else { return error(.invalidUTF8, "truncated UTF-8 sequence", at: offset) }
        switch lead {
        case 0xE0, 0xF0: return error(.invalidUTF8, "overlong UTF-8 encoding", at: offset - 1)
        case 0xED: return error(.invalidUTF8, "surrogate code point encoded in UTF-8", at: offset - 1)
        default: return error(.invalidUTF8, "UTF-8 code point above U+10FFFF", at: offset - 1)
        }
    }
}

/// Word-at-a-time tests over string bytes.
enum StringBytes {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether any of the eight bytes in `word` is a quote, a backslash, a control character or non-ASCII.
    @inline(__always)
    static func needsAttention(_ word: UInt64) -> Bool {
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let quoteZero = (quote &- ones) & ~quote
        let backslashZero = (backslash &- ones) & ~backslash
        let control = (word &- ones &* 0x20) & ~word
        return (quoteZero | backslashZero | control | word) & highs != 0
    }

    /// The value of a hex digit (either case), or `nil`.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case ASCII.zero...ASCII.nine: byte - ASCII.zero
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
