import Foundation
import MonkCore

/// The decoded success envelope of API.md §0.2: `data` and, when the route reports it, `total`.
///
/// Client tolerance: monk-api 6.2 nests counted finds as `{"data": {"data": […], "total": N}}`; that shape is
/// flattened here, so callers always see the records in `data` and the count in `total`.
package struct Envelope: Sendable, Equatable {
    package var data: JSONValue
    package var total: Int64?

    package init(data: JSONValue, total: Int64? = nil) {
        self.data = data
        self.total = total
    }

    /// Decodes `response` (to `request`): the envelope of a 2xx answer, or the error it describes.
    ///
    /// - Throws: ``TransportError`` `.server` for an error status or `success: false`, `.badResponse` when the
    ///   body is not a JSON envelope (an HTML page, truncated JSON).
    package static func decode(_ response: HTTPResponse, for request: HTTPRequest) throws -> Envelope {
        guard response.head.isSuccess else { throw serverError(response, for: request) }
        let root: JSONValue
        do {
            root = try JSONParser.parse(response.body)
        } catch {
            let type = response.head.mediaType ?? "no content type"
            throw describe(
                request,
                TransportError(
                    code: .badResponse,
                    message: "the response (\(response.status), \(type)) is not JSON: \(error)",
                    status: response.status
                )
            )
        }
        // `JSONValue` is nil-literal expressible, so presence is tested by pattern, never with `!= nil`.
        guard case .object(let object) = root, case .some = object["success"] ?? object["data"] else {
            throw describe(
                request,
                TransportError(
                    code: .badResponse,
                    message: "the response is not a monk API envelope",
                    status: response.status
                )
            )
        }
        if object["success"]?.boolValue == false { throw serverError(response, for: request, root: object) }
        var data = object["data"] ?? .null
        var total = object["total"]?.numberValue?.int64Value
        if total == nil, case .object(let inner) = data, let nested = inner["total"]?.numberValue?.int64Value,
            let records = inner["data"]
        {
            total = nested
            data = records
        }
        return Envelope(data: data, total: total)
    }

    /// The ``TransportError`` for an error response: status, `error_code`, `error`, `data` details,
    /// `Retry-After`.
    package static func serverError(
        _ response: HTTPResponse,
        for request: HTTPRequest,
        root: JSONObject? = nil,
        now: Int64 = Int64(Date().timeIntervalSince1970)
    ) -> TransportError {
        // An error body that is not JSON (a proxy's HTML page) still yields an error: the status alone.
        let object = root ?? (try? JSONParser.parse(response.body))?.objectValue
        let serverCode = object?["error_code"]?.stringValue
        let serverMessage = object?["error"]?.stringValue ?? object?["message"]?.stringValue
        var message = "\(response.status)"
        if let serverCode { message += " \(serverCode)" }
        if let serverMessage { message += ": \(serverMessage)" }
        var error = TransportError(code: .server, message: message, status: response.status, serverCode: serverCode)
        error.details = object?["data"]?.objectValue ?? JSONObject()
        error.retryAfter = response.head.header("Retry-After").flatMap { RetryAfter.delay(from: $0, now: now) }
        return describe(request, error)
    }

    /// `error` with the request's method, redacted URL and request id filled in and prefixed to the message.
    package static func describe(_ request: HTTPRequest, _ error: TransportError) -> TransportError {
        var error = error
        let url = RedactedURL.describe(request.url)
        error.message = "\(request.method) \(url): \(error.message)"
        error.method = request.method.name
        error.url = url
        error.requestID = request.requestID
        return error
    }
}
