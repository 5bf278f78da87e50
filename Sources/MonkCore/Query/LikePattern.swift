/// A compiled SQL LIKE pattern: `%` matches any run of characters, `_` exactly one, `\` makes the next
/// character literal (API.md §3.3 `$like`, `$ilike`).
///
/// Characters are Unicode code points, as in PostgreSQL with UTF-8. Case-insensitive patterns fold both the
/// pattern and the text with ``CaseFolding``. SQLite custom functions reuse ``matches(_:)``.
///
/// ```swift
/// let pattern = try LikePattern("a\\%b_%", caseInsensitive: true)
/// pattern.matches("A%bcdef")   // true
/// ```
package struct LikePattern: Sendable, Hashable {
    /// One step of the pattern.
    package enum Token: Sendable, Hashable {
        case literal(Unicode.Scalar)
        /// `_`
        case anyCharacter
        /// `%` (consecutive ones collapse to one)
        case anyRun
    }

    /// The pattern as written.
    package let source: String
    package let isCaseInsensitive: Bool
    package let tokens: [Token]

    /// Compiles `source`.
    ///
    /// - Throws: ``QueryError`` `BAD_REQUEST` when the pattern ends with an unpaired `\` (PostgreSQL refuses it).
    package init(_ source: String, caseInsensitive: Bool = false) throws(QueryError) {
        var tokens: [Token] = []
        var scalars = source.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar {
            case "%":
                if tokens.last != .anyRun { tokens.append(.anyRun) }
            case "_":
                tokens.append(.anyCharacter)
            case "\\":
                guard let escaped = scalars.next() else {
                    throw QueryError(code: .badRequest, message: "LIKE pattern must not end with an escape character")
                }
                tokens.append(.literal(caseInsensitive ? CaseFolding.fold(escaped) : escaped))
            default:
                tokens.append(.literal(caseInsensitive ? CaseFolding.fold(scalar) : scalar))
            }
        }
        self.source = source
        self.isCaseInsensitive = caseInsensitive
        self.tokens = tokens
    }

    /// Whether the whole of `text` matches the pattern.
    package func matches(_ text: some StringProtocol) -> Bool {
        var scalars = Array(text.unicodeScalars)
        if isCaseInsensitive { scalars = scalars.map(CaseFolding.fold) }
        return LikePattern.match(tokens, scalars)
    }

    /// Wildcard matching that backtracks only to the most recent `%`: O(pattern × text) in the worst case.
    private static func match(_ tokens: [Token], _ text: [Unicode.Scalar]) -> Bool {
        var t = 0
        var s = 0
        var starToken = -1
        var starText = 0
        while s < text.count {
            if t < tokens.count {
                switch tokens[t] {
                case .anyRun:
                    starToken = t
                    starText = s
                    t += 1
                    continue
                case .anyCharacter:
                    t += 1
                    s += 1
                    continue
                case .literal(let scalar) where scalar == text[s]:
                    t += 1
                    s += 1
                    continue
                case .literal:
                    break
                }
            }
            guard starToken >= 0 else { return false }
            t = starToken + 1
            starText += 1
            s = starText
        }
        while t < tokens.count, tokens[t] == .anyRun { t += 1 }
        return t == tokens.count
    }
}
