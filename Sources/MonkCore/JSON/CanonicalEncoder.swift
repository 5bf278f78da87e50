/// Writes a ``JSONValue`` as canonical JSON (DESIGN.md §4): the bytes monk compares, hashes and stores.
///
/// Keys in UTF-8 byte order (``JSONObject`` keeps them so), no whitespace, strings with only `"`, `\` and control
/// characters escaped (`\b \f \n \r \t`, else `\u00xx` lowercase) and everything else as raw UTF-8, numbers in
/// their ``JSONNumber/canonical`` spelling, `true`, `false`, `null` as they are. Two values are equal exactly
/// when their canonical bytes are.
///
/// ```swift
/// CanonicalEncoder().encode(["b": 1, "a": "é"])   // {"a":"é","b":1} as UTF-8 bytes
/// ```
package struct CanonicalEncoder: Sendable {
    package init() {}

    /// The canonical bytes of `value`.
    package func encode(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        encode(value, into: &out)
        return out
    }

    /// Appends the canonical bytes of `value` to `out`.
    package func encode(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): out.append(contentsOf: number.canonical.utf8)
        case .string(let string): Self.appendString(string, to: &out)
        case .array(let elements):
            out.append(ASCII.openBracket)
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(ASCII.comma) }
                encode(element, into: &out)
            }
            out.append(ASCII.closeBracket)
        case .object(let object):
            encode(object, into: &out)
        }
    }

    /// Appends the canonical bytes of `object` to `out`.
    package func encode(_ object: JSONObject, into out: inout [UInt8]) {
        out.append(ASCII.openBrace)
        for (index, member) in object.members.enumerated() {
            if index > 0 { out.append(ASCII.comma) }
            Self.appendString(member.key, to: &out)
            out.append(ASCII.colon)
            encode(member.value, into: &out)
        }
        out.append(ASCII.closeBrace)
    }

    /// Appends `string` as a canonical JSON string literal, quotes included.
    static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(ASCII.quote)
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { utf8 in
            CanonicalEscaping.appendContent(ofRaw: UnsafeRawBufferPointer(utf8), to: &out)
        }
        if done == nil {
            let utf8 = Array(string.utf8)
            utf8.withUnsafeBytes { CanonicalEscaping.appendContent(ofRaw: $0, to: &out) }
        }
        out.append(ASCII.quote)
    }
}
