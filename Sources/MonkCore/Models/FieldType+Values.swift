/// Checking and normalizing values to their wire form (API.md §0.4).
extension FieldType {
    /// The wire form of `value` for this type, or `nil` when the value has the wrong type (`INVALID_TYPE`).
    ///
    /// `null` is returned unchanged (whether it is allowed is the caller's `required` check); array elements
    /// may be `null`. Nothing is coerced across kinds except what §0.4 lists: integers from any exact integer
    /// number (`5.0`, `5e2`) within Int64; decimals from numbers or numeric strings; timestamps from ISO-8601
    /// (truncated to milliseconds, in UTC); uuids lowercased; base64 with unused bits cleared.
    ///
    /// ```swift
    /// FieldType.integer.normalized(.number(JSONNumber("5e2")!))   // .number(500)
    /// FieldType.decimal.normalized("12.50")                        // .number(12.5)
    /// FieldType.uuid.normalized("5B1E…")                           // "5b1e…"
    /// FieldType.boolean.normalized("true")                         // nil
    /// ```
    package func normalized(_ value: JSONValue) -> JSONValue? {
        if case .null = value { return .null }
        if let elementType {
            guard case .array(let elements) = value else { return nil }
            var result: [JSONValue] = []
            result.reserveCapacity(elements.count)
            for element in elements {
                guard let normal = elementType.normalized(element) else { return nil }
                result.append(normal)
            }
            return .array(result)
        }
        switch (self, value) {
        case (.text, .string): return value
        case (.integer, .number(let number)): return number.int64Value.map { .number(JSONNumber($0)) }
        case (.decimal, .number): return value
        case (.decimal, .string(let text)): return DecimalText.number(text).map(JSONValue.number)
        case (.boolean, .bool): return value
        case (.timestamp, .string(let text)): return Timestamp(text).map { .string($0.text) }
        case (.date, .string(let text)): return CalendarDate(text).map { .string($0.text) }
        case (.uuid, .string(let text)): return UUIDText.canonical(text).map(JSONValue.string)
        case (.jsonb, _): return value
        case (.binary, .string(let text)): return Base64Text.canonical(text).map(JSONValue.string)
        default: return nil
        }
    }

    /// The value a `default_value` text stands for, or `nil` when it does not convert (`INVALID_DEFAULT_VALUE`).
    ///
    /// Scalars convert from their text (`"0"`, `"true"`, `"2025-01-01"`). `jsonb` reads `null`, `true`, `false`
    /// and number literals as those values and any other text as a string. Array types take only `"[]"`.
    package func defaultValue(fromText text: String) -> JSONValue? {
        switch self {
        case .integer: return JSONNumber(text).flatMap { $0.int64Value }.map { .number(JSONNumber($0)) }
        case .decimal: return DecimalText.number(text).map(JSONValue.number)
        case .boolean:
            switch text {
            case "true": return true
            case "false": return false
            default: return nil
            }
        case .jsonb:
            switch text {
            case "null": return .null
            case "true": return true
            case "false": return false
            default: return JSONNumber(text).map(JSONValue.number) ?? .string(text)
            }
        case .textArray, .integerArray, .decimalArray, .uuidArray:
            guard text == "[]" else { return nil }
            return .array([])
        default: return normalized(.string(text))
        }
    }

    /// A short name of the expected JSON form, for messages (`"an integer"`, `"a timestamp string"`).
    package var expectation: String {
        switch self {
        case .text: "a string"
        case .integer: "an integer number within 64 bits"
        case .decimal: "a number or numeric string"
        case .boolean: "true or false"
        case .timestamp: "an ISO-8601 timestamp string"
        case .date: "a YYYY-MM-DD date string"
        case .uuid: "a UUID string"
        case .jsonb: "any JSON value"
        case .binary: "a base64 string"
        case .textArray, .integerArray, .decimalArray, .uuidArray:
            "an array of \(elementType?.expectation ?? "values") or null"
        }
    }
}

/// Reading numeric strings as exact decimal numbers.
package enum DecimalText {
    /// The exact number written by `text`: an optional sign (`+` or `-`), digits with an optional decimal
    /// point (digits on at least one side: `5`, `5.`, `.5`), and an optional exponent. `nil` for anything
    /// else, including `NaN`, `Infinity` and surrounding spaces.
    package static func number(_ text: String) -> JSONNumber? {
        let bytes = Array(text.utf8)
        var index = 0
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            index = 1
        }
        func digitRun() -> ArraySlice<UInt8> {
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                index += 1
            }
            return bytes[start..<index]
        }
        let integer = digitRun()
        var fraction: ArraySlice<UInt8> = []
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            fraction = digitRun()
        }
        guard !integer.isEmpty || !fraction.isEmpty else { return nil }
        let significant = integer.drop { $0 == UInt8(ascii: "0") }
        var literal: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        literal += significant.isEmpty ? [UInt8(ascii: "0")] : Array(significant)
        if !fraction.isEmpty { literal += [UInt8(ascii: ".")] + fraction }
        literal += bytes[index...]  // the exponent, if any; JSONNumber rejects anything else
        return JSONNumber(String(decoding: literal, as: UTF8.self))
    }
}

/// Checking and canonicalizing UUID text.
package enum UUIDText {
    /// The lowercase canonical `8-4-4-4-12` form of `text`, or `nil` unless `text` is that form in any case.
    package static func canonical(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
                output.append(byte)
            } else {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"): output.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): output.append(byte + 32)
                default: return nil
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
