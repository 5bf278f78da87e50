/// Finds the word a user probably meant, for "did you mean …?" hints.
package enum Suggestions {
    /// The candidate closest to `word` by edit distance (insertions, deletions, substitutions and swaps of two
    /// neighbouring letters), if it is close enough to be a plausible typo; ties go to the earlier candidate.
    package static func nearest(to word: String, among candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(word, candidate)
            if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        if best == nil, word.count >= 3 {
            // A prefix (`--dry` for `--dry-run`) is as good a hint as a typo.
            return candidates.first { $0.hasPrefix(word) }
        }
        return best?.candidate
    }

    /// Optimal string alignment distance between `a` and `b`.
    package static func editDistance(_ a: String, _ b: String) -> Int {
        let s = Array(a)
        let t = Array(b)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var previous2 = [Int](repeating: 0, count: t.count + 1)
        var previous = Array(0...t.count)
        var current = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            current[0] = i
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[t.count]
    }
}
