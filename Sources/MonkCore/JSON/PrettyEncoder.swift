/// Writes a ``JSONValue`` as pretty JSON for people and for git: the layout of `files` directories and patch
/// headers (DESIGN.md §7–8).
///
/// Two-space indentation, one member or element per line, keys in UTF-8 byte order, `": "` between key and
/// value, empty containers as `{}` and `[]`, and a trailing newline. Strings and numbers are spelled exactly as
/// ``CanonicalEncoder`` spells them, so pretty and canonical text parse to equal values.
///
/// ```swift
/// PrettyEncoder().encodeString(["b": [1], "a": [:]])
/// // {
/// //   "a": {},
/// //   "b": [
/// //     1
/// //   ]
/// // }
/// ```
package struct PrettyEncoder: Sendable {
    package init() {}

    /// The pretty bytes of `value`, ending in a newline.
    package func encode(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(value, indent: 0, into: &out)
        out.append(ASCII.lineFeed)
        return out
    }

    /// The pretty text of `value`, ending in a newline.
    package func encodeString(_ value: JSONValue) -> String {
        String(decoding: encode(value), as: UTF8.self)
    }

    private func write(_ value: JSONValue, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            out.append(ASCII.openBracket)
            for (index, element) in elements.enumerated() {
                out.append(contentsOf: index == 0 ? [ASCII.lineFeed] : [ASCII.comma, ASCII.lineFeed])
                appendIndent(indent + 1, to: &out)
                write(element, indent: indent + 1, into: &out)
            }
            out.append(ASCII.lineFeed)
            appendIndent(indent, to: &out)
            out.append(ASCII.closeBracket)
        case .object(let object) where !object.isEmpty:
            out.append(ASCII.openBrace)
            for (index, member) in object.members.enumerated() {
                out.append(contentsOf: index == 0 ? [ASCII.lineFeed] : [ASCII.comma, ASCII.lineFeed])
                appendIndent(indent + 1, to: &out)
                CanonicalEncoder.appendString(member.key, to: &out)
                out.append(contentsOf: [ASCII.colon, ASCII.space])
                write(member.value, indent: indent + 1, into: &out)
            }
            out.append(ASCII.lineFeed)
            appendIndent(indent, to: &out)
            out.append(ASCII.closeBrace)
        default:
            CanonicalEncoder().encode(value, into: &out)
        }
    }

    private func appendIndent(_ level: Int, to out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(ASCII.space, count: level * 2))
    }
}
