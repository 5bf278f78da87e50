import MonkCore

/// Writes a ``JSONValue`` as block-style YAML that ``YAMLReader`` reads back to the same value.
///
/// Keys come in ``JSONObject`` order (UTF-8 byte order), indentation is two spaces, a sequence of mappings is
/// written `- key: value`, numbers as their canonical text and empty containers as `{}` and `[]`. A string is
/// written plain only when no YAML reader (1.2 or 1.1) could take it for anything else; otherwise it is
/// double-quoted with escapes (see ``YAMLWriter/needsQuotes(_:)``).
///
/// ```swift
/// YAMLWriter.encode(["name": "Ada", "tags": ["a", "true"], "n": 1])
/// // n: 1
/// // name: Ada
/// // tags:
/// //   - a
/// //   - "true"
/// ```
package enum YAMLWriter {
    /// Keys longer than this many UTF-8 bytes use the explicit `? key` form: libyaml refuses simple keys
    /// longer than 1024 characters.
    static let longestSimpleKey = 1000

    /// The YAML text of `value`, ending with a newline.
    package static func encode(_ value: JSONValue) -> String {
        var output = ""
        switch value {
        case .object(let object) where !object.isEmpty:
            writeMapping(object, indent: 0, isInline: false, into: &output)
        case .array(let items) where !items.isEmpty:
            writeSequence(items, indent: 0, isInline: false, into: &output)
        default:
            output += scalarText(value) + "\n"
        }
        return output
    }

    /// The one-line text of a scalar or an empty container.
    private static func scalarText(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): number.canonical
        case .string(let text): needsQuotes(text) ? doubleQuoted(text) : text
        case .array: "[]"
        case .object: "{}"
        }
    }

    /// Whether `value` is written on its own lines below its key or dash.
    private static func isBlock(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let object): !object.isEmpty
        case .array(let items): !items.isEmpty
        default: false
        }
    }

    /// Writes mapping members at `indent`; with `isInline`, the first member continues the current line
    /// (after `- `).
    private static func writeMapping(_ object: JSONObject, indent: Int, isInline: Bool, into output: inout String) {
        let padding = String(repeating: " ", count: indent)
        for (index, member) in object.enumerated() {
            if index > 0 || !isInline { output += padding }
            let key = scalarText(.string(member.key))
            if member.key.utf8.count > longestSimpleKey {
                output += "? " + key + "\n" + padding + ":"
            } else {
                output += key + ":"
            }
            writeValue(member.value, indent: indent + 2, into: &output)
        }
    }

    /// Writes sequence items at `indent`; with `isInline`, the first item continues the current line.
    private static func writeSequence(_ items: [JSONValue], indent: Int, isInline: Bool, into output: inout String) {
        let padding = String(repeating: " ", count: indent)
        for (index, item) in items.enumerated() {
            if index > 0 || !isInline { output += padding }
            output += "- "
            switch item {
            case .object(let object) where !object.isEmpty:
                writeMapping(object, indent: indent + 2, isInline: true, into: &output)
            case .array(let nested) where !nested.isEmpty:
                writeSequence(nested, indent: indent + 2, isInline: true, into: &output)
            default:
                output += scalarText(item) + "\n"
            }
        }
    }

    /// Writes the value after `key:`: inline for scalars and empty containers, else on the next lines.
    private static func writeValue(_ value: JSONValue, indent: Int, into output: inout String) {
        guard isBlock(value) else {
            output += " " + scalarText(value) + "\n"
            return
        }
        output += "\n"
        switch value {
        case .object(let object): writeMapping(object, indent: indent, isInline: false, into: &output)
        case .array(let items): writeSequence(items, indent: indent, isInline: false, into: &output)
        default: break
        }
    }
}
