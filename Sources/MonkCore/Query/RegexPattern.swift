/// A compiled `$regex` / field `pattern`: the common subset of PostgreSQL ARE that both backends evaluate
/// the same way (API.md §3.3, §5.3).
///
/// Accepted: POSIX ERE (`.`, `[…]` with ranges, negation and `[:class:]`, `*`, `+`, `?`, `{n}`, `{n,}`,
/// `{n,m}`, `|`, `(…)`, `^`, `$`), the escapes `\d \D \w \W \s \S`, `\n \t \r \f \v`, `\` before any
/// punctuation, non-greedy quantifiers (`*?`, `+?`, `??`, `{…}?`) and `(?:…)`, `(?=…)`, `(?!…)`. Matching is a
/// case-sensitive, unanchored search over Unicode code points; `.` matches a newline, `^`/`$` only the ends
/// of the text, and `\d` only ASCII digits, as in PostgreSQL.
///
/// ```swift
/// let pattern = try RegexPattern("^[a-z]+\\d{2,}$")
/// pattern.matches("abc123")   // true
/// pattern.translated          // "\\A[a-z]+\\d{2,}\\z" (what Swift's Regex compiles)
/// ```
package struct RegexPattern: Sendable, Hashable {
    /// The pattern as written.
    package let source: String
    /// The equivalent Swift `Regex` syntax.
    package let translated: String
    private let compiled: CompiledRegex

    /// Translates and compiles `source`.
    ///
    /// - Throws: ``QueryError`` `BAD_REQUEST` naming the problem (unsupported escape, unbalanced bracket,
    ///   collating elements `[.x.]`/`[=x=]`, or a pattern Swift's Regex rejects).
    package init(_ source: String) throws(QueryError) {
        let translated = try RegexTranslator.translate(source)
        do {
            compiled = CompiledRegex(
                try Regex(translated).dotMatchesNewlines().asciiOnlyDigits().matchingSemantics(.unicodeScalar)
            )
        } catch {
            throw QueryError(code: .badRequest, message: "invalid regular expression '\(source)'")
        }
        self.source = source
        self.translated = translated
    }

    /// Whether the pattern occurs anywhere in `text`.
    package func matches(_ text: String) -> Bool {
        // `firstMatch` throws only from custom regex components, which a parsed pattern never contains.
        (try? compiled.regex.firstMatch(in: text)) != nil
    }

    package static func == (lhs: RegexPattern, rhs: RegexPattern) -> Bool { lhs.source == rhs.source }
    package func hash(into hasher: inout Hasher) { hasher.combine(source) }
}

/// Holds a compiled regex so ``RegexPattern`` can be `Sendable`.
// Safe to share: the regex is immutable after init, and the one match in init has already built the lazily
// lowered program (whose cache the standard library initializes atomically), so later matches only read it.
private final class CompiledRegex: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>

    init(_ regex: Regex<AnyRegexOutput>) {
        self.regex = regex
        // Forces compilation now; the result does not matter and no custom component can throw.
        _ = try? regex.firstMatch(in: "")
    }
}

/// Rewrites ARE-subset syntax into Swift Regex syntax, one scalar at a time.
enum RegexTranslator {
    static func translate(_ source: String) throws(QueryError) -> String {
        let scalars = Array(source.unicodeScalars)
        var output = ""
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "\\":
                output += try escape(scalars, &index, source)
            case "[":
                output += try bracket(scalars, &index, source)
            case "^": output += "\\A"
            case "$": output += "\\z"
            case "]", "}": output += "\\" + String(scalar)
            case "{":
                output += bound(scalars, &index)
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// An escape after `\`; `index` points past the backslash.
    private static func escape(_ scalars: [Unicode.Scalar], _ index: inout Int, _ source: String) throws(QueryError)
        -> String
    {
        guard index < scalars.count else { throw failure(source, "ends with a lone backslash") }
        let next = scalars[index]
        index += 1
        if "dDwWsSntrfv".unicodeScalars.contains(next) { return "\\" + String(next) }
        if next.properties.isAlphabetic || next.properties.numericType != nil {
            throw failure(source, "uses the unsupported escape \\\(next)")
        }
        return "\\" + String(next)
    }

    /// `{n}`, `{n,}` or `{n,m}` copied as a bound; any other `{` is a literal brace.
    private static func bound(_ scalars: [Unicode.Scalar], _ index: inout Int) -> String {
        var end = index
        var text = "{"
        while end < scalars.count, ("0"..."9").contains(scalars[end]) || scalars[end] == "," {
            text.unicodeScalars.append(scalars[end])
            end += 1
        }
        let body = text.dropFirst()
        let isBound =
            end < scalars.count && scalars[end] == "}" && body.first.map { ("0"..."9").contains($0) } == true
            && body.filter { $0 == "," }.count <= 1
        guard isBound else { return "\\{" }
        index = end + 1
        return text + "}"
    }

    /// A bracket expression; `index` points past the `[`.
    private static func bracket(_ scalars: [Unicode.Scalar], _ index: inout Int, _ source: String)
        throws(QueryError) -> String
    {
        var output = "["
        if index < scalars.count, scalars[index] == "^" {
            output += "^"
            index += 1
        }
        var isFirst = true
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "]" where !isFirst:
                return output + "]"
            case "[" where index < scalars.count && (scalars[index] == "." || scalars[index] == "="):
                throw failure(source, "uses a collating element, which is not supported")
            case "[" where index < scalars.count && scalars[index] == ":":
                guard let close = (index..<scalars.count).first(where: { scalars[$0] == "]" && scalars[$0 - 1] == ":" })
                else { throw failure(source, "has an unterminated character class") }
                output += "[" + String(String.UnicodeScalarView(scalars[index...close]))
                index = close + 1
            case "]", "[", "&", "~":
                // Literal here; escaped because Swift reads `[` as a nested class and `&&`, `~~` as set operators.
                output += "\\" + String(scalar)
            case "\\":
                output += try escape(scalars, &index, source)
            case "-" where isFirst || (index < scalars.count && scalars[index] == "]"):
                output += "\\-"
            default:
                output.unicodeScalars.append(scalar)
            }
            isFirst = false
        }
        throw failure(source, "has an unterminated bracket expression")
    }

    private static func failure(_ source: String, _ problem: String) -> QueryError {
        QueryError(code: .badRequest, message: "regular expression '\(source)' \(problem)")
    }
}
