import MonkCore
import Testing

@Suite struct RegexPatternTests {
    @Test(arguments: [
        ("abc", "xxabcxx", true), ("^abc", "xabc", false), ("abc$", "abc\n", false), ("^a.c$", "a\nc", true),
        ("[a-c]+", "zzbz", true), ("[^a-c]", "abc", false), ("[]a]", "]", true), ("[^]a]", "]", false),
        ("[[:digit:]]{3}", "ab123", true), ("[[:alpha:]]", "123", false), ("a{2}", "a", false), ("a{2,}", "aaa", true),
        ("a{1,2}b", "ab", true), ("(ab|cd)e", "cde", true), ("a|b", "b", true), ("\\d+", "x٣", false),
        ("\\d+", "x42", true), ("\\w+", "__", true), ("\\s", "a b", true), ("\\S", "   ", false), ("\\D", "123", false),
        ("a.*?b", "axxb", true), ("colou?r", "color", true), ("\\.", "a.b", true), ("\\.", "ab", false),
        ("a&&b", "a&&b", true), ("[a&&b]", "&", true), ("[a-]", "-", true), ("x{", "x{", true),
        ("é", "e\u{301}", false),
        ("^.$", "é", true), ("(?:ab)+", "abab", true), ("a\\+", "a+", true), ("\\t", "a\tb", true),
    ])
    func searchesLikePostgreSQL(pattern: String, text: String, expected: Bool) throws {
        #expect(try RegexPattern(pattern).matches(text) == expected)
    }

    @Test(arguments: ["a(b", "[abc", "\\b", "\\1", "[[.a.]]", "[[=a=]]", "x\\", "*a"])
    func rejectsOutsideTheCommonSubset(pattern: String) {
        #expect {
            try RegexPattern(pattern)
        } throws: { error in
            (error as? QueryError)?.code == .badRequest
        }
    }

    @Test func translationAnchorsOnlyTheEnds() throws {
        #expect(try RegexPattern("^a$").translated == "\\Aa\\z")
        #expect(try RegexPattern("[&~]").translated == "[\\&\\~]")
    }

    @Test func equalityIsBySource() throws {
        #expect(try RegexPattern("a+") == RegexPattern("a+"))
        #expect(try RegexPattern("a+") != RegexPattern("a*"))
    }
}
