import MonkCore

/// Why an HTTP exchange with a monk server failed.
///
/// The message names the method, the URL without credentials, the HTTP status and the server's `error_code`
/// when there was one; it never contains a token, an `Authorization` header or a request body.
package struct TransportError: Error, Sendable, CustomStringConvertible {
    /// The broad kind of failure; compare with the static members.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        package var description: String { name }

        /// The server could not be reached, or the exchange broke off or timed out.
        package static let network = Code("network")
        /// The server answered with an error status (see `status` and `serverCode`).
        package static let server = Code("server")
        /// The server's answer could not be understood.
        package static let badResponse = Code("bad response")
        /// The request could not be built (a malformed base URL, an unsupported scheme).
        package static let invalidRequest = Code("invalid request")
    }

    package var code: Code
    package var message: String
    /// The HTTP status, when the server answered.
    package var status: Int?
    /// The server's stable `error_code`, when it sent one.
    package var serverCode: String?
    /// The request's method (`GET`, `POST`, …), when the failure belongs to one request.
    package var method: String?
    /// The request's URL with credentials and secret query values removed (``RedactedURL``).
    package var url: String?
    /// The `X-Request-Id` the client sent, to find the exchange in the server's log.
    package var requestID: String?
    /// The envelope's `data` object of an error response (`validation_errors`, `id`, …); empty otherwise.
    package var details: JSONObject = JSONObject()
    /// How long the server asked the client to wait (`Retry-After`) before trying again.
    package var retryAfter: Duration?
    /// Whether the request may have reached the server; `false` only when the connection was never made, so
    /// even a write can be retried safely.
    package var requestMayHaveBeenSent: Bool = true

    package init(code: Code, message: String, status: Int? = nil, serverCode: String? = nil) {
        self.code = code
        self.message = message
        self.status = status
        self.serverCode = serverCode
    }

    package var description: String { message }
}

extension TransportError: CustomDebugStringConvertible {
    /// The message plus code, request id, `Retry-After` and server details, for `--verbose` output.
    ///
    /// Still safe to print: none of these fields can hold a token or a request body (details are the server's
    /// error `data`, which API.md §14 keeps free of secrets).
    package var debugDescription: String {
        var parts = ["\(message) [\(code)"]
        if let requestID { parts.append("request \(requestID)") }
        if let retryAfter { parts.append("retry after \(retryAfter)") }
        if !details.isEmpty { parts.append("details \(details.canonicalString)") }
        return parts.joined(separator: ", ") + "]"
    }
}
