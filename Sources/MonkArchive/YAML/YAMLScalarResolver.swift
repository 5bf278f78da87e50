import MonkCore

/// Resolves YAML scalars to JSON values with the YAML 1.2 core schema, keeping numbers exact.
///
/// Plain scalars: `null`/`Null`/`NULL`/`~`/empty → null, `true`/`True`/`TRUE` (and `false` alike) → bool,
/// core-schema integers (`[-+]?[0-9]+`, `0o17`, `0x1F`) and floats (`1.5`, `.5`, `1.`, `1e3`) → ``JSONNumber``
/// built from the text (never through `Double`), everything else a string. `.inf` and `.nan` are errors because
/// JSON cannot carry them. Quoted scalars are strings; the explicit tags `!!str`, `!!int`, `!!float`, `!!bool`
/// and `!!null` force a type and fail when the text does not fit it.
enum YAMLScalarResolver {
    /// Why a scalar has no JSON value; the builder adds the source and position.
    struct Failure: Error {
        var message: String
    }

    static let tagPrefix = "tag:yaml.org,2002:"

    /// The JSON value of a scalar with the given tag (`nil` or `!` when untagged) and style.
    static func resolve(_ text: String, tag: String?, isPlain: Bool) throws(Failure) -> JSONValue {
        switch tag {
        case nil where isPlain: return try resolvePlain(text)
        case nil, "!", tagPrefix + "str": return .string(text)
        case tagPrefix + "null":
            guard isNull(text) else { throw Failure(message: "'\(excerpt(text))' is not a !!null value") }
            return .null
        case tagPrefix + "bool":
            guard let value = bool(text) else { throw Failure(message: "'\(excerpt(text))' is not a !!bool value") }
            return .bool(value)
        case tagPrefix + "int":
            guard let number = try integer(text) else {
                throw Failure(message: "'\(excerpt(text))' is not a !!int value")
            }
            return .number(number)
        case tagPrefix + "float":
            guard let number = try number(text) else {
                throw Failure(message: "'\(excerpt(text))' is not a !!float value")
            }
            return .number(number)
        case let tag?: throw Failure(message: "unsupported tag '\(excerpt(tag))'")
        }
    }

    /// The core-schema value of an untagged plain scalar.
    static func resolvePlain(_ text: String) throws(Failure) -> JSONValue {
        if isNull(text) { return .null }
        if let value = bool(text) { return .bool(value) }
        guard let first = text.utf8.first, Self.canStartNumber(first) else { return .string(text) }
        if let number = try number(text) { return .number(number) }
        return .string(text)
    }

    static func isNull(_ text: String) -> Bool {
        text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    private static func canStartNumber(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
    }

    /// Short text for messages, so an error never quotes a whole value.
    static func excerpt(_ text: String) -> String {
        text.count <= 40 ? text : String(text.prefix(40)) + "…"
    }
}

// MARK: - Numbers

extension YAMLScalarResolver {
    /// Longest `0x`/`0o` literal converted; base conversion is quadratic, so longer ones are refused.
    static let maximumRadixDigits = 256

    /// A core-schema integer or float, exactly; `nil` when `text` is neither.
    static func number(_ text: String) throws(Failure) -> JSONNumber? {
        if let integer = try integer(text) { return integer }
        return try float(text)
    }

    /// A core-schema integer (`[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`), or `nil` when `text` is not one.
    static func integer(_ text: String) throws(Failure) -> JSONNumber? {
        let bytes = Array(text.utf8)
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"),
            bytes[1] == UInt8(ascii: "x") || bytes[1] == UInt8(ascii: "o")
        {
            let radix = bytes[1] == UInt8(ascii: "x") ? 16 : 8
            let digits = bytes[2...].map { Int(hexValue($0)) }
            guard digits.allSatisfy({ $0 < radix }) else { return nil }
            guard digits.count <= maximumRadixDigits else {
                throw Failure(message: "integer literal longer than \(maximumRadixDigits) digits")
            }
            return JSONNumber(decimalString(digits, radix: radix))
        }
        var body = bytes[...]
        let negative = body.first == UInt8(ascii: "-")
        if negative || body.first == UInt8(ascii: "+") { body = body.dropFirst() }
        guard !body.isEmpty, body.allSatisfy(isDecimalDigit) else { return nil }
        let digits = body.drop { $0 == UInt8(ascii: "0") }
        let magnitude = digits.isEmpty ? "0" : String(decoding: digits, as: UTF8.self)
        return JSONNumber((negative ? "-" : "") + magnitude)
    }

    /// A core-schema float (`[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`) as an exact number, or `nil`
    /// when `text` is not one. Infinities and NaN throw: JSON has no spelling for them.
    static func float(_ text: String) throws(Failure) -> JSONNumber? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
            throw Failure(message: "'\(text)' cannot be represented in JSON")
        default: break
        }
        var rest = Array(text.utf8)[...]
        let negative = rest.first == UInt8(ascii: "-")
        if negative || rest.first == UInt8(ascii: "+") { rest = rest.dropFirst() }
        let whole = rest.prefix(while: isDecimalDigit)
        rest = rest.dropFirst(whole.count)
        var fraction: ArraySlice<UInt8> = []
        var hasPoint = false
        if rest.first == UInt8(ascii: ".") {
            hasPoint = true
            rest = rest.dropFirst()
            fraction = rest.prefix(while: isDecimalDigit)
            rest = rest.dropFirst(fraction.count)
        }
        guard !whole.isEmpty || (hasPoint && !fraction.isEmpty) else { return nil }
        var exponent = ""
        if let marker = rest.first, marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
            rest = rest.dropFirst()
            var sign = ""
            if let first = rest.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
                sign = first == UInt8(ascii: "-") ? "-" : "+"
                rest = rest.dropFirst()
            }
            let digits = rest.prefix(while: isDecimalDigit)
            guard !digits.isEmpty else { return nil }
            rest = rest.dropFirst(digits.count)
            exponent = "e" + sign + String(decoding: digits, as: UTF8.self)
        }
        guard rest.isEmpty else { return nil }
        // Rewrite as a JSON literal: no '+', one leading digit, a digit after any '.'.
        let trimmed = whole.drop { $0 == UInt8(ascii: "0") }
        var literal = negative ? "-" : ""
        literal += trimmed.isEmpty ? "0" : String(decoding: trimmed, as: UTF8.self)
        if !fraction.isEmpty { literal += "." + String(decoding: fraction, as: UTF8.self) }
        literal += exponent
        guard let number = JSONNumber(literal) else {
            throw Failure(message: "number '\(excerpt(text))' has an exponent out of range")
        }
        return number
    }

    private static func isDecimalDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// The value of an ASCII hex digit, or 255 for any other byte.
    private static func hexValue(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: 255
        }
    }

    /// Converts digits in `radix` to decimal text exactly (schoolbook multiply-add over decimal digits).
    private static func decimalString(_ digits: [Int], radix: Int) -> String {
        var decimal: [Int] = [0]  // least significant digit first
        for digit in digits {
            var carry = digit
            for index in decimal.indices {
                let value = decimal[index] * radix + carry
                decimal[index] = value % 10
                carry = value / 10
            }
            while carry > 0 {
                decimal.append(carry % 10)
                carry /= 10
            }
        }
        while decimal.count > 1, decimal.last == 0 { decimal.removeLast() }
        return String(decoding: decimal.reversed().map { UInt8(ascii: "0") + UInt8($0) }, as: UTF8.self)
    }
}
