import MonkClient
import Testing

@Suite struct RetryStateMachineTests {
    private let policy = RetryStateMachine.Policy(maxRetries: 3, baseDelay: .seconds(1), maxDelay: .seconds(4))

    @Test func successIsDeliveredAfterTheFirstAttempt() {
        var machine = RetryStateMachine(policy: policy, isIdempotent: false, deadline: nil)
        #expect(machine.start(now: .zero) == .send(attempt: 1, timeout: nil))
        #expect(machine.attemptFinished(.response(status: 200, retryAfter: nil), now: .zero, jitter: 0) == .deliver)
    }

    @Test(arguments: [400, 401, 404, 409, 422, 500, 501])
    func nonTemporaryStatusesAreNotRetried(status: Int) {
        var machine = RetryStateMachine(policy: policy, isIdempotent: true, deadline: nil)
        _ = machine.start(now: .zero)
        #expect(machine.attemptFinished(.response(status: status, retryAfter: nil), now: .zero, jitter: 0) == .deliver)
    }

    @Test func retryAfterIsHonouredForWritesUntilRetriesRunOut() {
        var machine = RetryStateMachine(policy: policy, isIdempotent: false, deadline: nil)
        _ = machine.start(now: .zero)
        let busy = RetryStateMachine.Outcome.response(status: 503, retryAfter: .seconds(2))
        var now = Duration.zero
        for attempt in 1...3 {
            #expect(machine.attemptFinished(busy, now: now, jitter: 0.5) == .wait(.seconds(2)))
            now += .seconds(2)
            #expect(machine.waitFinished(now: now) == .send(attempt: attempt + 1, timeout: nil))
        }
        #expect(machine.attemptFinished(busy, now: now, jitter: 0.5) == .deliver)
    }

    @Test func backoffDoublesUpToTheCapWithEqualJitter() {
        var machine = RetryStateMachine(
            policy: .init(maxRetries: 5, baseDelay: .seconds(1), maxDelay: .seconds(4)),
            isIdempotent: true,
            deadline: nil
        )
        _ = machine.start(now: .zero)
        let failure = RetryStateMachine.Outcome.networkFailure(requestMayHaveBeenSent: true)
        let expected: [(Double, Duration)] = [
            (0, .milliseconds(500)), (1, .seconds(2)), (0, .seconds(2)), (1, .seconds(4)), (0.5, .seconds(3)),
        ]
        for (jitter, delay) in expected {
            #expect(machine.attemptFinished(failure, now: .zero, jitter: jitter) == .wait(delay))
            _ = machine.waitFinished(now: .zero)
        }
        #expect(machine.attemptFinished(failure, now: .zero, jitter: 0) == .deliver)
    }

    @Test func rateLimitWithoutRetryAfterUsesBackoff() {
        var machine = RetryStateMachine(policy: policy, isIdempotent: false, deadline: nil)
        _ = machine.start(now: .zero)
        let action = machine.attemptFinished(.response(status: 429, retryAfter: nil), now: .zero, jitter: 1)
        #expect(action == .wait(.seconds(1)))
    }

    @Test func networkFailureOfAWriteIsRetriedOnlyWhenNothingWasSent() {
        var sent = RetryStateMachine(policy: policy, isIdempotent: false, deadline: nil)
        _ = sent.start(now: .zero)
        #expect(sent.attemptFinished(.networkFailure(requestMayHaveBeenSent: true), now: .zero, jitter: 0) == .deliver)

        var refused = RetryStateMachine(policy: policy, isIdempotent: false, deadline: nil)
        _ = refused.start(now: .zero)
        let action = refused.attemptFinished(.networkFailure(requestMayHaveBeenSent: false), now: .zero, jitter: 0)
        #expect(action == .wait(.milliseconds(500)))
    }

    @Test func gatewayErrorsAreRetriedOnlyForIdempotentRequests() {
        for (isIdempotent, expected) in [(true, true), (false, false)] {
            var machine = RetryStateMachine(policy: policy, isIdempotent: isIdempotent, deadline: nil)
            _ = machine.start(now: .zero)
            let action = machine.attemptFinished(.response(status: 502, retryAfter: nil), now: .zero, jitter: 0)
            #expect((action != .deliver) == expected)
        }
    }

    @Test func deadlineLimitsTimeoutsAndStopsWaitsThatWouldPassIt() {
        var machine = RetryStateMachine(policy: policy, isIdempotent: true, deadline: .seconds(10))
        #expect(machine.start(now: .seconds(1)) == .send(attempt: 1, timeout: .seconds(9)))
        let busy = RetryStateMachine.Outcome.response(status: 503, retryAfter: .seconds(3))
        #expect(machine.attemptFinished(busy, now: .seconds(2), jitter: 0) == .wait(.seconds(3)))
        #expect(machine.waitFinished(now: .seconds(5)) == .send(attempt: 2, timeout: .seconds(5)))
        #expect(machine.attemptFinished(busy, now: .seconds(8), jitter: 0) == .deliver)
    }

    @Test func startAfterTheDeadlineIsExceededWithoutAnAttempt() {
        var machine = RetryStateMachine(policy: policy, isIdempotent: true, deadline: .seconds(1))
        #expect(machine.start(now: .seconds(2)) == .deadlineExceeded)
    }

    @Test func overlongRetryAfterEndsRetrying() {
        var machine = RetryStateMachine(policy: policy, isIdempotent: true, deadline: nil)
        _ = machine.start(now: .zero)
        let action = machine.attemptFinished(.response(status: 429, retryAfter: .seconds(3_600)), now: .zero, jitter: 0)
        #expect(action == .deliver)
    }
}
