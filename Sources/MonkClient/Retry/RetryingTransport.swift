import Foundation
import Synchronization

/// An ``HTTPTransport`` that retries another one by the rules of ``RetryStateMachine``.
///
/// Each `send` runs its own state machine: it sleeps between attempts (`Task.sleep`, so cancellation ends the
/// wait), honours `Retry-After`, and caps every attempt's timeout by the time left before `overallTimeout`.
/// When retrying stops, the last response is returned (a 503 stays a 503 for the caller to turn into an
/// error) or the last error is thrown. Only network failures are retried; a consumer's error, cancellation,
/// an oversized body or an invalid request end the call at once. A streamed response that already handed
/// bytes to its consumer is never retried, since the consumer cannot take them back.
///
/// ```swift
/// let transport = RetryingTransport(wrapping: try CurlTransport(), policy: .init(maxRetries: 5))
/// ```
package struct RetryingTransport: HTTPTransport {
    package let base: any HTTPTransport
    package let policy: RetryStateMachine.Policy
    /// The longest one `send`, all attempts and waits included, may take; `nil` for no limit.
    package let overallTimeout: Duration?
    private let random: @Sendable () -> Double
    private let wallClock: @Sendable () -> Int64

    /// - Parameters:
    ///   - base: the transport that performs each attempt.
    ///   - policy: retry count and delays.
    ///   - overallTimeout: the deadline of one call, measured from its start.
    ///   - random: a number in `0...1` for the backoff jitter (tests pass a constant).
    ///   - wallClock: seconds since 1970, to read `Retry-After` dates.
    package init(
        wrapping base: any HTTPTransport,
        policy: RetryStateMachine.Policy = RetryStateMachine.Policy(),
        overallTimeout: Duration? = nil,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
        wallClock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
    ) {
        self.base = base
        self.policy = policy
        self.overallTimeout = overallTimeout
        self.random = random
        self.wallClock = wallClock
    }

    package func send(_ request: HTTPRequest, receiving disposition: ResponseDisposition) async throws -> HTTPResponse {
        let clock = ContinuousClock()
        let origin = clock.now
        let elapsed = { clock.now - origin }
        var machine = RetryStateMachine(policy: policy, isIdempotent: request.isIdempotent, deadline: overallTimeout)
        var action = machine.start(now: elapsed())
        var last: Result<HTTPResponse, any Error>?
        while true {
            switch action {
            case .send(_, let remaining):
                let (result, outcome) = try await attempt(request, disposition, remaining: remaining)
                last = result
                action = machine.attemptFinished(outcome, now: elapsed(), jitter: random())
            case .wait(let delay):
                try await Task.sleep(for: delay)
                action = machine.waitFinished(now: elapsed())
            case .deliver:
                guard let last else { throw deadlineError(request) }
                return try last.get()
            case .deadlineExceeded:
                throw deadlineError(request)
            }
        }
    }

    /// One attempt: its result and the outcome the state machine needs. Errors that must not be retried are
    /// thrown straight away.
    private func attempt(
        _ request: HTTPRequest,
        _ disposition: ResponseDisposition,
        remaining: Duration?
    ) async throws -> (Result<HTTPResponse, any Error>, RetryStateMachine.Outcome) {
        var attemptRequest = request
        if let remaining { attemptRequest.timeout = min(request.timeout ?? remaining, remaining) }
        let delivered = DeliveryFlag()
        let watched = delivered.watching(disposition)
        do {
            let response = try await base.send(attemptRequest, receiving: watched)
            let retryAfter = response.head.header("Retry-After").flatMap {
                RetryAfter.delay(from: $0, now: wallClock())
            }
            return (.success(response), .response(status: response.status, retryAfter: retryAfter))
        } catch let error as TransportError where error.code == .network && !delivered.isSet {
            return (.failure(error), .networkFailure(requestMayHaveBeenSent: error.requestMayHaveBeenSent))
        }
    }

    private func deadlineError(_ request: HTTPRequest) -> TransportError {
        let url = RedactedURL.describe(request.url)
        var error = TransportError(
            code: .network,
            message: "\(request.method) \(url): no time left before the deadline"
        )
        error.method = request.method.name
        error.url = url
        error.requestID = request.requestID
        return error
    }
}

/// Records whether a streaming consumer has received any bytes during one attempt.
private final class DeliveryFlag: Sendable {
    private let delivered = Atomic<Bool>(false)

    var isSet: Bool { delivered.load(ordering: .acquiring) }

    /// `disposition` with its consumer wrapped to set the flag before the first chunk is handed over.
    func watching(_ disposition: ResponseDisposition) -> ResponseDisposition {
        guard case .streamed(let errorLimit, let consumer) = disposition else { return disposition }
        return .streamed(errorLimit: errorLimit) { [self] chunk in
            delivered.store(true, ordering: .releasing)
            try consumer(chunk)
        }
    }
}
