/// The text tests of `$find`, `$text`, `$search` and text lengths (API.md §3.3), shared by the local
/// evaluator and SQLite custom functions so both backends agree.
///
/// ```swift
/// TextSearch.contains("Jane DOE", "doe")                   // true
/// TextSearch.matchesAllTerms("The quick fox", "FOX the")   // true
/// TextSearch.length("né")                                  // 2 (code points)
/// ```
package enum TextSearch {
    /// Whether `text` contains `needle` as a literal run of code points, after ``CaseFolding`` of both.
    /// The empty needle is contained in every text.
    package static func contains(_ text: String, _ needle: String) -> Bool {
        containsFolded(Array(CaseFolding.fold(text).utf8), Array(CaseFolding.fold(needle).utf8))
    }

    /// The case-folded, whitespace-separated terms of a `$search` string.
    package static func terms(of query: String) -> [String] {
        CaseFolding.fold(query).unicodeScalars.split { $0.properties.isWhitespace }.map { String($0) }
    }

    /// Whether every term of `query` occurs in `text`, case-insensitively. A query without terms matches
    /// nothing, as an empty PostgreSQL text-search query does.
    package static func matchesAllTerms(_ text: String, _ query: String) -> Bool {
        let terms = terms(of: query)
        guard !terms.isEmpty else { return false }
        let haystack = Array(CaseFolding.fold(text).utf8)
        return terms.allSatisfy { containsFolded(haystack, Array($0.utf8)) }
    }

    /// The length of `text` in Unicode code points (`min_length`, `max_length`, `$size` on text).
    package static func length(_ text: String) -> Int { text.unicodeScalars.count }

    /// Substring search over UTF-8 bytes; equivalent to a code point search because UTF-8 is self-synchronizing.
    private static func containsFolded(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        let first = needle[0]
        var start = 0
        while start <= haystack.count - needle.count {
            if haystack[start] == first && haystack[start..<(start + needle.count)].elementsEqual(needle) {
                return true
            }
            start += 1
        }
        return false
    }
}
