/// Decides when a request is tried again: the retry rules of API.md §14 as a pure state machine.
///
/// Events go in (``start(now:)``, ``attemptFinished(_:now:jitter:)``, ``waitFinished(now:)``), actions come out
/// (``Action``); the machine does no I/O and reads no clock: `now` is the time since any fixed origin, and
/// `jitter` a random number in `0...1` the driver draws, so tests feed both. ``RetryingTransport`` is the driver.
///
/// Rules:
/// - 429 and 503 are retried for every request (the server wrote nothing), after `Retry-After` when it was
///   sent, else after the backoff delay.
/// - 502 and 504, and network failures, are retried for idempotent requests; a write is retried after a
///   network failure only when the request never left the client (API.md §14: it may have committed).
/// - Backoff: `baseDelay · 2^(n-1)` for the n-th retry, capped at `maxDelay`, of which a random half is added
///   ("equal jitter"), so concurrent clients spread out.
/// - At most `maxRetries` retries; never a wait that ends at or past the deadline, and never a `Retry-After`
///   longer than `maxRetryAfter`. When retrying stops, the last outcome is delivered as the result.
package struct RetryStateMachine: Sendable {
    /// The knobs of the retry rules.
    package struct Policy: Sendable, Equatable {
        /// Retries after the first attempt (`--retries N`).
        package var maxRetries: Int
        package var baseDelay: Duration
        package var maxDelay: Duration
        /// A `Retry-After` asking for longer than this ends the retries at once.
        package var maxRetryAfter: Duration

        package init(
            maxRetries: Int = 3,
            baseDelay: Duration = .milliseconds(500),
            maxDelay: Duration = .seconds(30),
            maxRetryAfter: Duration = .seconds(300)
        ) {
            self.maxRetries = max(0, maxRetries)
            self.baseDelay = baseDelay
            self.maxDelay = maxDelay
            self.maxRetryAfter = maxRetryAfter
        }
    }

    /// How one attempt ended.
    package enum Outcome: Sendable, Equatable {
        /// The server answered with `status`, possibly asking to wait `retryAfter`.
        case response(status: Int, retryAfter: Duration?)
        /// The exchange failed without a response (connect error, reset, timeout).
        case networkFailure(requestMayHaveBeenSent: Bool)
    }

    /// What the driver does next.
    package enum Action: Sendable, Equatable {
        /// Send attempt number `attempt` (1-based); `timeout`, when set, is the time left before the deadline.
        case send(attempt: Int, timeout: Duration?)
        /// Sleep this long, then report ``RetryStateMachine/waitFinished(now:)``.
        case wait(Duration)
        /// Stop: the last attempt's outcome (response or error) is the result.
        case deliver
        /// Stop: the deadline passed before any attempt could be made.
        case deadlineExceeded
    }

    private enum State: Sendable {
        case idle
        case sending(attempt: Int)
        case waiting(attempt: Int)
        case done
    }

    package let policy: Policy
    package let isIdempotent: Bool
    /// The time (same origin as `now`) by which everything must be over; `nil` for none.
    package let deadline: Duration?
    private var state = State.idle

    package init(policy: Policy, isIdempotent: Bool, deadline: Duration?) {
        self.policy = policy
        self.isIdempotent = isIdempotent
        self.deadline = deadline
    }

    /// The first event: returns `.send(attempt: 1, …)`, or `.deadlineExceeded` when no time is left.
    package mutating func start(now: Duration) -> Action {
        precondition(isIdle, "RetryStateMachine.start called twice")
        return send(attempt: 1, now: now)
    }

    /// Reports how the current attempt ended; returns `.wait`, or `.deliver` when this outcome is final.
    package mutating func attemptFinished(_ outcome: Outcome, now: Duration, jitter: Double) -> Action {
        guard case .sending(let attempt) = state else {
            preconditionFailure("RetryStateMachine.attemptFinished without an attempt in flight")
        }
        guard let requested = retryDelay(for: outcome, retry: attempt, jitter: jitter), attempt <= policy.maxRetries
        else { return finish() }
        if let deadline, now + requested >= deadline { return finish() }
        state = .waiting(attempt: attempt)
        return .wait(requested)
    }

    /// Reports that the wait is over; returns the next `.send`, or `.deliver` when the deadline has passed.
    package mutating func waitFinished(now: Duration) -> Action {
        guard case .waiting(let attempt) = state else {
            preconditionFailure("RetryStateMachine.waitFinished without a wait")
        }
        if let deadline, now >= deadline { return finish() }
        return send(attempt: attempt + 1, now: now)
    }

    // MARK: Rules

    /// The delay before retry number `retry`, or `nil` when the outcome must not be retried.
    private func retryDelay(for outcome: Outcome, retry: Int, jitter: Double) -> Duration? {
        switch outcome {
        case .response(let status, let retryAfter):
            switch status {
            case 429, 503:
                guard let retryAfter else { return backoff(retry: retry, jitter: jitter) }
                return retryAfter <= policy.maxRetryAfter ? max(.zero, retryAfter) : nil
            case 502, 504:
                return isIdempotent ? backoff(retry: retry, jitter: jitter) : nil
            default:
                return nil
            }
        case .networkFailure(let requestMayHaveBeenSent):
            return isIdempotent || !requestMayHaveBeenSent ? backoff(retry: retry, jitter: jitter) : nil
        }
    }

    /// `baseDelay · 2^(retry-1)` capped at `maxDelay`: half of it fixed, half scaled by `jitter`.
    private func backoff(retry: Int, jitter: Double) -> Duration {
        var ceiling = policy.baseDelay
        for _ in 1..<max(1, retry) where ceiling < policy.maxDelay { ceiling *= 2 }
        ceiling = min(ceiling, policy.maxDelay)
        return ceiling / 2 + (ceiling / 2) * min(1, max(0, jitter))
    }

    // MARK: Transitions

    private var isIdle: Bool {
        if case .idle = state { return true }
        return false
    }

    private mutating func send(attempt: Int, now: Duration) -> Action {
        guard let deadline else {
            state = .sending(attempt: attempt)
            return .send(attempt: attempt, timeout: nil)
        }
        guard now < deadline else {
            state = .done
            return attempt == 1 ? .deadlineExceeded : .deliver
        }
        state = .sending(attempt: attempt)
        return .send(attempt: attempt, timeout: deadline - now)
    }

    private mutating func finish() -> Action {
        state = .done
        return .deliver
    }
}
