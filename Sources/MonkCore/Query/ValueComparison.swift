/// Typed comparison of JSON values, the rules of API.md §0.4 and §3.2: timestamps as instants, decimals and
/// integers exactly by value, text and uuids by code point, booleans `false < true`.
///
/// Without a type (or for `jsonb`), values of the same JSON kind compare by their kind's rule; values of
/// different kinds, and arrays or objects, have no order (but may still be equal).
///
/// ```swift
/// ValueComparison.order("2025-01-01T01:00:00+01:00", "2025-01-01T00:00:00Z", as: .timestamp)   // 0
/// ValueComparison.order(.number(JSONNumber("1.50")!), 2, as: .decimal)                          // -1
/// ```
package enum ValueComparison {
    /// `-1`, `0` or `1` when `a` sorts before, with, or after `b`; `nil` when they have no order.
    /// Neither value may be `null` (the caller applies three-valued logic first).
    package static func order(_ a: JSONValue, _ b: JSONValue, as type: FieldType?) -> Int? {
        switch type {
        case .timestamp?:
            if case .string(let x) = a, case .string(let y) = b, let t = Timestamp(x), let u = Timestamp(y) {
                return sign(t.millisecondsSinceEpoch, u.millisecondsSinceEpoch)
            }
        case .date?:
            if case .string(let x) = a, case .string(let y) = b, let d = CalendarDate(x), let e = CalendarDate(y) {
                return d < e ? -1 : (d == e ? 0 : 1)
            }
        case .integer?, .decimal?:
            if let x = number(a), let y = number(b) { return x < y ? -1 : (x == y ? 0 : 1) }
        case .uuid?:
            if case .string(let x) = a, case .string(let y) = b {
                return bytes(Array(x.utf8).map(asciiLowercased), Array(y.utf8).map(asciiLowercased))
            }
        default:
            break
        }
        return untypedOrder(a, b)
    }

    /// Whether `a` equals `b` under the type's rule, falling back to exact JSON equality when they have no
    /// order (so an array never equals a scalar, and equal arrays are equal).
    package static func isEqual(_ a: JSONValue, _ b: JSONValue, as type: FieldType?) -> Bool {
        order(a, b, as: type).map { $0 == 0 } ?? (a == b)
    }

    private static func untypedOrder(_ a: JSONValue, _ b: JSONValue) -> Int? {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)): return bytes(Array(x.utf8), Array(y.utf8))
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        default: return a == b && !a.isNull ? 0 : nil
        }
    }

    /// A number, or a numeric string (decimals may arrive as strings from other servers).
    private static func number(_ value: JSONValue) -> JSONNumber? {
        switch value {
        case .number(let number): number
        case .string(let text): DecimalText.number(text)
        default: nil
        }
    }

    /// Lexicographic order of UTF-8 bytes, which is code point order.
    private static func bytes(_ x: [UInt8], _ y: [UInt8]) -> Int {
        x == y ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1)
    }

    private static func sign(_ x: Int64, _ y: Int64) -> Int { x < y ? -1 : (x == y ? 0 : 1) }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}
