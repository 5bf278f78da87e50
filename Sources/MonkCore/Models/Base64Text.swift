/// Checks and canonicalizes base64 text (standard alphabet, `=` padding): the `binary` field type.
///
/// ```swift
/// Base64Text.canonical("QQ==")   // "QQ=="
/// Base64Text.canonical("QR==")   // "QQ==" (unused low bits cleared)
/// Base64Text.canonical("QQ")     // nil (padding missing)
/// ```
package enum Base64Text {
    /// The canonical spelling of `text`, or `nil` unless it is standard padded base64.
    ///
    /// Unused bits in the last group are cleared, so two spellings of the same bytes compare equal.
    package static func canonical(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count % 4 == 0 else { return nil }
        let padding = bytes.reversed().prefix { $0 == UInt8(ascii: "=") }.count
        guard padding <= 2 else { return nil }
        var output = bytes
        for index in 0..<(bytes.count - padding) {
            guard sextet(bytes[index]) != nil else { return nil }
        }
        if padding > 0, let last = sextet(bytes[bytes.count - padding - 1]) {
            // With one `=` the last symbol carries 2 unused bits, with two `=` it carries 4.
            let mask: UInt8 = padding == 1 ? 0b111100 : 0b110000
            output[bytes.count - padding - 1] = alphabet[Int(last & mask)]
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
