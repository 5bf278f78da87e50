import Testing

@testable import MonkServer

@Suite struct RateLimiterTests {
    @Test func admitsUpToTheLimitThenTellsHowLongToWait() {
        let limiter = RateLimiter(limit: 3, window: .seconds(60))
        let start = ContinuousClock.now
        for _ in 0..<3 { #expect(limiter.admit(key: "10.0.0.1", now: start) == nil) }
        #expect(limiter.admit(key: "10.0.0.1", now: start + .seconds(10)) == 50)
        #expect(limiter.admit(key: "10.0.0.2", now: start + .seconds(10)) == nil)
        #expect(limiter.admit(key: "10.0.0.1", now: start + .seconds(61)) == nil)
    }

    @Test(arguments: [("127.0.0.1", true), ("::1", true), ("10.1.2.3", false)])
    func loopbackIsExempt(ip: String, exempt: Bool) {
        #expect(RateLimiter.isLoopback(ip) == exempt)
    }
}
