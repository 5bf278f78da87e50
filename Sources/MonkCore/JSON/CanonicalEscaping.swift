/// The string rules of canonical JSON (DESIGN.md §4), shared by the encoders and the canonicalizer.
///
/// Only `"`, `\` and control characters below U+0020 are escaped: `\b \f \n \r \t` where JSON has a short
/// form, else `\u00xx` in lowercase. Everything else is written as raw UTF-8.
enum CanonicalEscaping {
    /// The letter of the two-byte escape for `byte` (`n` for a line feed, `"` for a quote), or `nil` when the
    /// byte has none.
    @inline(__always)
    static func shortEscape(for byte: UInt8) -> UInt8? {
        switch byte {
        case ASCII.quote: ASCII.quote
        case ASCII.backslash: ASCII.backslash
        case 0x08: UInt8(ascii: "b")
        case 0x0C: UInt8(ascii: "f")
        case ASCII.lineFeed: UInt8(ascii: "n")
        case ASCII.carriageReturn: UInt8(ascii: "r")
        case ASCII.tab: UInt8(ascii: "t")
        default: nil
        }
    }

    /// Whether canonical JSON escapes `byte` inside a string.
    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < ASCII.space || byte == ASCII.quote || byte == ASCII.backslash
    }

    /// Appends the canonical escape of `byte`, which must satisfy ``needsEscape(_:)``.
    static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(ASCII.backslash)
        if let letter = shortEscape(for: byte) {
            out.append(letter)
            return
        }
        let digits: StaticString = "0123456789abcdef"
        out.append(contentsOf: [UInt8(ascii: "u"), ASCII.zero, ASCII.zero])
        out.append(digits.utf8Start[Int(byte >> 4)])
        out.append(digits.utf8Start[Int(byte & 0x0F)])
    }

    /// Appends the canonical content (without quotes) of a string whose raw UTF-8 bytes are `raw`.
    static func appendContent(ofRaw raw: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        var runStart = 0
        for index in 0..<raw.count where needsEscape(raw[index]) {
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[runStart..<index]))
            appendEscape(raw[index], to: &out)
            runStart = index + 1
        }
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[runStart..<raw.count]))
    }

    /// Appends the UTF-8 encoding of the Unicode scalar value `scalar` (never a surrogate).
    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            out.append(UInt8(scalar))
        case ..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x1_0000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}

// MARK: - Decoding scanned strings

extension JSONScanner {
    /// Appends the content of a validated string: its UTF-8 bytes, re-escaped canonically when `canonical`.
    func appendContent(of token: StringToken, canonical: Bool, to out: inout [UInt8]) {
        var index = token.start
        var runStart = index
        while index < token.end {
            guard base[index] == ASCII.backslash else {
                index += 1
                continue
            }
            out.append(contentsOf: bytes(runStart, index))
            let (scalar, next) = decodeEscape(at: index)
            if canonical && scalar < 0x80 && CanonicalEscaping.needsEscape(UInt8(scalar)) {
                CanonicalEscaping.appendEscape(UInt8(scalar), to: &out)
            } else {
                CanonicalEscaping.appendUTF8(scalar, to: &out)
            }
            index = next
            runStart = next
        }
        out.append(contentsOf: bytes(runStart, token.end))
    }

    /// The scalar value of the validated escape at `index` and the offset after it.
    private func decodeEscape(at index: Int) -> (UInt32, Int) {
        switch base[index + 1] {
        case UInt8(ascii: "b"): return (0x08, index + 2)
        case UInt8(ascii: "f"): return (0x0C, index + 2)
        case UInt8(ascii: "n"): return (0x0A, index + 2)
        case UInt8(ascii: "r"): return (0x0D, index + 2)
        case UInt8(ascii: "t"): return (0x09, index + 2)
        case UInt8(ascii: "u"):
            let unit = validatedHex(at: index + 2)
            guard unit >= 0xD800 && unit <= 0xDBFF else { return (unit, index + 6) }
            let low = validatedHex(at: index + 8)
            return (0x1_0000 + ((unit - 0xD800) << 10) + (low &- 0xDC00), index + 12)
        default: return (UInt32(base[index + 1]), index + 2)
        }
    }

    /// The four hex digits at `index`, already validated by the scan.
    private func validatedHex(at index: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in index..<(index + 4) {
            value = value << 4 | UInt32(StringBytes.hexValue(base[offset]) ?? 0)
        }
        return value
    }
}
