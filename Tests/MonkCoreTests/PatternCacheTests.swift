import MonkCore
import Testing

@Suite struct PatternCacheTests {
    @Test func returnsCompiledPatternsAndStaysBounded() throws {
        let cache = PatternCache(capacity: 2)
        #expect(try cache.regex("^a+$").matches("aaa"))
        #expect(try cache.regex("^a+$") == RegexPattern("^a+$"))
        #expect(try cache.regex("b").matches("abc"))
        #expect(try cache.regex("c").matches("abc"))
        #expect(try cache.like("A%", caseInsensitive: true).matches("abc"))
        #expect(try !cache.like("A%", caseInsensitive: false).matches("abc"))
        #expect(throws: QueryError.self) { try cache.regex("(") }
    }

    @Test func isSafeToShareAcrossTasks() async throws {
        let cache = PatternCache(capacity: 4)
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                // A compile failure becomes `false`, which the expectation below reports.
                group.addTask { (try? cache.regex("^x\\d+$").matches("x\(index)")) ?? false }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 })
    }
}
