import Synchronization

/// A bounded, thread-safe cache of compiled LIKE and regex patterns, for SQLite custom functions that receive
/// the pattern text on every row.
///
/// When it holds ``capacity`` patterns it starts over empty, which keeps memory bounded without bookkeeping;
/// queries use few distinct patterns, so the next rows refill it at once.
///
/// ```swift
/// let cache = PatternCache()
/// db.add(function: DatabaseFunction("monk_regexp", argumentCount: 2, pure: true) { values in
///     try cache.regex(pattern).matches(text)
/// })
/// ```
package final class PatternCache: Sendable {
    /// The most patterns kept at once.
    package let capacity: Int
    private let regexes = Mutex<[String: RegexPattern]>([:])
    private let likes = Mutex<[LikeKey: LikePattern]>([:])

    private struct LikeKey: Hashable {
        let source: String
        let isCaseInsensitive: Bool
    }

    package init(capacity: Int = 256) {
        self.capacity = max(1, capacity)
    }

    /// The compiled regex for `source`, compiling it on first use.
    ///
    /// - Throws: ``QueryError`` `BAD_REQUEST` as ``RegexPattern/init(_:)``; failures are not cached.
    package func regex(_ source: String) throws(QueryError) -> RegexPattern {
        if let cached = regexes.withLock({ $0[source] }) { return cached }
        let compiled = try RegexPattern(source)
        regexes.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[source] = compiled
        }
        return compiled
    }

    /// The compiled LIKE pattern for `source`, compiling it on first use.
    ///
    /// - Throws: ``QueryError`` `BAD_REQUEST` as ``LikePattern/init(_:caseInsensitive:)``.
    package func like(_ source: String, caseInsensitive: Bool) throws(QueryError) -> LikePattern {
        let key = LikeKey(source: source, isCaseInsensitive: caseInsensitive)
        if let cached = likes.withLock({ $0[key] }) { return cached }
        let compiled = try LikePattern(source, caseInsensitive: caseInsensitive)
        likes.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[key] = compiled
        }
        return compiled
    }
}
