import HTTPTypes
import Hummingbird
import Logging
import MonkStore

/// The one place where errors become the API.md §0.2 envelope: Hummingbird asks an ``APIError`` for its
/// response, in JSON or, when the request asked for it, YAML.
extension APIError: HTTPResponseError {
    package var status: HTTPResponse.Status { HTTPResponse.Status(code: statusCode) }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSONResponse.make(envelope, status: status, request: request)
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }
}

/// Router middleware that turns every error a route (or the router's not-found responder) throws into an
/// ``APIError``, so each one leaves as the envelope. Unexpected errors are logged here, with detail, and
/// answered with the generic 500.
struct ErrorEnvelopeMiddleware: RouterMiddleware {
    typealias Context = MonkRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            throw APIError.routeNotFound(method: request.method.rawValue, path: request.uri.path)
        } catch let error as HTTPError where error.status == .methodNotAllowed {
            throw APIError.routeNotFound(method: request.method.rawValue, path: request.uri.path)
        } catch {
            let apiError = APIError.from(error)
            if apiError.code == "INTERNAL_ERROR", !(error is APIError) {
                context.logger.error(
                    "internal error on \(request.method) \(request.uri.path): \(String(reflecting: error))"
                )
            }
            throw apiError
        }
    }
}
