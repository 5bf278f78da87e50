import MonkCommandLine
import Testing

@Suite struct SuggestionsTests {
    @Test(arguments: [
        ("kitten", "sitting", 3), ("", "abc", 3), ("abc", "abc", 0), ("ab", "ba", 1), ("--dry-rn", "--dry-run", 1),
    ])
    func editDistance(a: String, b: String, distance: Int) {
        #expect(Suggestions.editDistance(a, b) == distance)
    }

    @Test(
        arguments: [
            ("pul", ["pull", "push", "patch"], "pull"),
            ("--dry", ["--dry-run", "--force"], "--dry-run"),
            ("xyzzy", ["pull", "push"], nil),
            ("psuh", ["pull", "push"], "push"),
        ] as [(String, [String], String?)]
    )
    func nearest(word: String, candidates: [String], expected: String?) {
        #expect(Suggestions.nearest(to: word, among: candidates) == expected)
    }
}
