import MonkCore
import Testing

@Suite struct LikePatternTests {
    @Test(arguments: [
        ("abc", "abc", true), ("abc", "abcd", false), ("a%", "a", true), ("a%", "abc", true), ("%c", "abc", true),
        ("%b%", "abc", true), ("%x%", "abc", false), ("a_c", "abc", true), ("a_c", "ac", false), ("_", "é", true),
        ("_", "e\u{301}", false), ("%%", "", true), ("", "", true), ("", "a", false), ("a\\%", "a%", true),
        ("a\\%", "ab", false), ("a\\_", "a_", true), ("a\\\\b", "a\\b", true), ("%a%b%c%", "xaxbxcx", true),
        ("%a%b%c", "abcab", false), ("A%", "abc", false),
    ])
    func caseSensitiveMatching(pattern: String, text: String, expected: Bool) throws {
        #expect(try LikePattern(pattern).matches(text) == expected)
    }

    @Test(arguments: [
        ("ABC", "abc", true), ("straße", "STRAẞE", true), ("%ΣΑΣ", "σας", true), ("k", "\u{212A}", true),
        ("µ%", "Μικρό", true), ("i", "İ", false), ("ſ", "S", true),
    ])
    func caseInsensitiveMatchingFoldsBothSides(pattern: String, text: String, expected: Bool) throws {
        #expect(try LikePattern(pattern, caseInsensitive: true).matches(text) == expected)
    }

    @Test func trailingEscapeIsRejected() {
        #expect(throws: QueryError.self) { try LikePattern("abc\\") }
    }

    @Test(arguments: [
        ("HELLO", "hello"), ("Straße", "straße"), ("ΣΑΣ ς", "σασ σ"), ("ſ µ K", "s μ k"), ("İ", "İ"),
        ("\u{13A0}\u{AB70}", "\u{13A0}\u{13A0}"), ("ÀÉÎ", "àéî"),
    ])
    func simpleCaseFolding(text: String, folded: String) {
        #expect(CaseFolding.fold(text).unicodeScalars.elementsEqual(folded.unicodeScalars))
    }

    @Test func textSearchHelpers() {
        #expect(TextSearch.contains("Hello WORLD", "o w"))
        #expect(!TextSearch.contains("Hello", "%"))
        #expect(TextSearch.contains("anything", ""))
        #expect(TextSearch.terms(of: " Quick\tBROWN  fox ") == ["quick", "brown", "fox"])
        #expect(TextSearch.matchesAllTerms("the lazy DOG", "dog THE"))
        #expect(!TextSearch.matchesAllTerms("the lazy dog", "dog cat"))
        #expect(TextSearch.length("e\u{301}") == 2)
    }
}
