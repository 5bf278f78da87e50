/// The type of a model field, as API.md §5.3 names it.
///
/// `numeric` is accepted as a spelling of `decimal` (and `numeric[]` of `decimal[]`), and is never written back.
///
/// ```swift
/// FieldType(apiName: "numeric")       // .decimal
/// FieldType.textArray.elementType     // .text
/// ```
package enum FieldType: String, Sendable, Hashable, CaseIterable {
    case text
    case integer
    case decimal
    case boolean
    case timestamp
    case date
    case uuid
    case jsonb
    case binary
    case textArray = "text[]"
    case integerArray = "integer[]"
    case decimalArray = "decimal[]"
    case uuidArray = "uuid[]"

    /// Reads a type name as a describe body sends it; `nil` for unknown names (describe answers `INVALID_TYPE`).
    package init?(apiName: String) {
        switch apiName {
        case "numeric": self = .decimal
        case "numeric[]": self = .decimalArray
        default: self.init(rawValue: apiName)
        }
    }

    /// The name written in model and field objects.
    package var apiName: String { rawValue }

    /// Whether values are JSON arrays of ``elementType``.
    package var isArray: Bool { elementType != nil }

    /// The type of each element for array types, `nil` for scalar types.
    package var elementType: FieldType? {
        switch self {
        case .textArray: .text
        case .integerArray: .integer
        case .decimalArray: .decimal
        case .uuidArray: .uuid
        default: nil
        }
    }

    /// Whether `$sum` and `$avg` apply, and `minimum`/`maximum` bound the value itself.
    package var isNumeric: Bool { self == .integer || self == .decimal }

    /// Whether values are JSON strings that `minimum`/`maximum` bound by length and `pattern` applies to.
    package var isText: Bool { self == .text }
}
