/// A rewrite applied to a string value before validation (API.md §5.3 `transform`).
///
/// ```swift
/// FieldTransform.normalizeEmail.apply(to: "  Ada@X.Test ")   // "ada@x.test"
/// FieldTransform.normalizePhone.apply(to: "+1 (555) 010-9999") // "+15550109999"
/// ```
package enum FieldTransform: String, Sendable, Hashable, CaseIterable {
    case lowercase
    case uppercase
    case trim
    /// Trim, then lowercase.
    case normalizeEmail = "normalize_email"
    /// Keep ASCII digits, and a `+` when it is the first character after trimming.
    case normalizePhone = "normalize_phone"

    /// The transformed text.
    package func apply(to text: String) -> String {
        switch self {
        case .lowercase: return text.lowercased()
        case .uppercase: return text.uppercased()
        case .trim: return FieldTransform.trimmed(text)
        case .normalizeEmail: return FieldTransform.trimmed(text).lowercased()
        case .normalizePhone:
            let trimmed = FieldTransform.trimmed(text)
            var result = trimmed.hasPrefix("+") ? "+" : ""
            result.unicodeScalars.append(contentsOf: trimmed.unicodeScalars.filter { ("0"..."9").contains($0) })
            return result
        }
    }

    /// Applies the transform to a string, or to each string element of an array; other values are returned
    /// unchanged (type checks come later).
    package func apply(to value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(apply(to: text))
        case .array(let elements):
            .array(elements.map { element in element.stringValue.map { .string(apply(to: $0)) } ?? element })
        default: value
        }
    }

    /// `text` without leading and trailing Unicode white space.
    private static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
