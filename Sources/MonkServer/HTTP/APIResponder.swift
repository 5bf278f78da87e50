import HTTPTypes
import Hummingbird
import Logging
import MonkCore
import MonkStore

/// The outermost responder: request ids, the request log line, rate limits and the error envelope.
///
/// Every error a handler throws becomes the API.md §0.2 envelope here: ``APIError`` as is, `StoreError` through
/// the catalogue, anything else as 500 `INTERNAL_ERROR` whose details go only to the log. The log line is
/// `METHOD /path STATUS 12ms` — never a query string, token or body.
struct APIResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == MonkRequestContext {
    typealias Context = MonkRequestContext

    let inner: Inner
    /// `/auth/*` requests per client IP.
    let rateLimiter: RateLimiter
    /// `/api/*` requests per token (`nil`: unlimited).
    let tokenLimiter: RateLimiter?
    /// Whether loopback clients skip the per-IP limit.
    let exemptsLoopback: Bool
    let drainState: DrainState
    let logger: Logger

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let requestID = request.headers[.requestID] ?? RequestIDs.make()
        var response: Response
        if drainState.enter() {
            defer { drainState.leave() }
            do {
                try checkRateLimits(request, context: context)
                response = try await inner.respond(to: request, context: context)
            } catch {
                response = errorResponse(error, request: request)
            }
        } else {
            let draining = APIError(
                503,
                "SERVICE_UNAVAILABLE",
                "the server is shutting down; retry shortly",
                retryAfter: 1
            )
            response = errorResponse(draining, request: request)
        }
        if Gzip.isAccepted(by: request) { response = Gzip.compress(response) }
        response.headers[.requestID] = requestID
        let elapsed = ContinuousClock.now - started
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        logger.info("\(request.method) \(request.uri.path) \(response.status.code) \(milliseconds)ms")
        return response
    }

    /// The per-IP limit on `/auth/*` and the per-token limit on `/api/*` (API.md §14).
    private func checkRateLimits(_ request: Request, context: Context) throws {
        let path = request.uri.path
        if path.hasPrefix("/auth/"), let ip = context.remoteIP, !(exemptsLoopback && RateLimiter.isLoopback(ip)),
            let retryAfter = rateLimiter.admit(key: ip, now: ContinuousClock.now)
        {
            throw APIError(429, "RATE_LIMITED", "too many requests; retry later", retryAfter: retryAfter)
        }
        if path.hasPrefix("/api/"), let tokenLimiter, let authorization = request.headers[.authorization],
            let retryAfter = tokenLimiter.admit(key: RateLimiter.tokenKey(authorization), now: ContinuousClock.now)
        {
            throw APIError(429, "RATE_LIMITED", "too many requests for this token; retry later", retryAfter: retryAfter)
        }
    }

    /// Errors that escape the router (rate limits, body limits before routing) as the envelope.
    private func errorResponse(_ error: any Error, request: Request) -> Response {
        let apiError = APIError.from(error)
        if apiError.code == "INTERNAL_ERROR", !(error is APIError) {
            logger.error("internal error on \(request.method) \(request.uri.path): \(String(reflecting: error))")
        }
        var response = JSONResponse.make(apiError.envelope, status: apiError.status, request: request)
        if let retryAfter = apiError.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }
}

extension HTTPField.Name {
    /// `X-Request-Id` (API.md §0.1).
    static let requestID = HTTPField.Name("X-Request-Id")!
}
