import Foundation

/// Sends one HTTP request and returns the server's answer: the seam between `MonkAPIClient` and the network.
///
/// ``CurlTransport`` is the real implementation; tests substitute a stub that answers from a script.
/// A transport never retries: ``RetryingTransport`` wraps one to add retries, backoff and a deadline.
///
/// ```swift
/// let transport = try CurlTransport()
/// let request = HTTPRequest(method: .get, url: "http://127.0.0.1:9001/health")
/// let response = try await transport.send(request, receiving: .buffered(limit: 1 << 20))
/// ```
package protocol HTTPTransport: Sendable {
    /// Performs `request` once.
    ///
    /// Any HTTP status is a response, not an error: status 404 comes back as an ``HTTPResponse``.
    ///
    /// - Parameters:
    ///   - request: what to send.
    ///   - disposition: whether to buffer the body (with a byte limit) or hand it to a consumer chunk by chunk.
    /// - Returns: the status, the headers and, when buffered (or the status is an error), the body.
    /// - Throws: ``TransportError`` with code `.network` when the exchange failed or timed out, `.badResponse`
    ///   when the body exceeded its limit, `.invalidRequest` when the request could not be built; the
    ///   consumer's own error when it threw; `CancellationError` when the task was cancelled.
    func send(_ request: HTTPRequest, receiving disposition: ResponseDisposition) async throws -> HTTPResponse
}

/// An HTTP method, as sent on the request line.
package struct HTTPMethod: Hashable, Sendable, CustomStringConvertible {
    /// The method's name, e.g. `GET`.
    package let name: String

    package init(_ name: String) { self.name = name }

    package var description: String { name }

    package static let get = HTTPMethod("GET")
    package static let head = HTTPMethod("HEAD")
    package static let post = HTTPMethod("POST")
    package static let put = HTTPMethod("PUT")
    package static let patch = HTTPMethod("PATCH")
    package static let delete = HTTPMethod("DELETE")

    /// Whether repeating the request leaves the server as one request would (RFC 9110 §9.2.2).
    package var isIdempotent: Bool {
        self == .get || self == .head || self == .put || self == .delete
    }
}

/// One header line: a name and a value.
package struct HTTPHeader: Hashable, Sendable {
    package var name: String
    package var value: String

    package init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A request a transport can send.
package struct HTTPRequest: Sendable {
    package var method: HTTPMethod
    /// The absolute URL, `http` or `https`.
    package var url: String
    /// Extra headers; `Accept-Encoding` and `X-Request-Id` are added by the transport.
    package var headers: [HTTPHeader]
    /// The request body, sent with a `Content-Length`; `nil` sends none.
    package var body: [UInt8]?
    /// The longest one attempt may take; `nil` uses the transport's default.
    package var timeout: Duration?
    /// Whether a retry after a failure that may have reached the server is safe. Defaults to the method's
    /// idempotency; reads sent as `POST` (find, aggregate, sync) set it to `true`.
    package var isIdempotent: Bool
    /// The `X-Request-Id` sent with the request.
    package var requestID: String

    package init(
        method: HTTPMethod,
        url: String,
        headers: [HTTPHeader] = [],
        body: [UInt8]? = nil,
        timeout: Duration? = nil,
        isIdempotent: Bool? = nil,
        requestID: String = RequestID.make()
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.isIdempotent = isIdempotent ?? method.isIdempotent
        self.requestID = requestID
    }

    /// The value of the first header named `name` (case-insensitive), if any.
    package func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}

/// Makes the `X-Request-Id` values the client sends, so one exchange can be found in the server's log.
package enum RequestID {
    /// A fresh lowercase UUID string.
    package static func make() -> String {
        UUID().uuidString.lowercased()
    }
}
