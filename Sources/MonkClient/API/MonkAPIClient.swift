import MonkCore

/// Calls the monk API (API.md) on one server as one user: JSON in, envelope decoded, errors as
/// ``TransportError``.
///
/// One extension per API area adds the calls (`+Auth`, `+Data`, `+Describe`, …). The client never retries by
/// itself: give it a ``RetryingTransport`` for that. Errors name the method, the URL (credentials and secret
/// query values removed), the HTTP status, the server's `error_code` and message; never the token.
///
/// ```swift
/// let transport = RetryingTransport(wrapping: try CurlTransport())
/// let client = MonkAPIClient(baseURL: "http://127.0.0.1:9001", token: session.token, transport: transport)
/// let users = try await client.listRecords("users", query: DataQuery(limit: 10))
/// ```
package struct MonkAPIClient: Sendable {
    /// The server's base URL, without a trailing `/`.
    package let baseURL: String
    /// The bearer token sent as `Authorization`; `nil` for public routes only.
    package var token: String?
    package let transport: any HTTPTransport
    /// The largest JSON response body accepted, in bytes (default 512 MiB).
    package var responseLimit: Int

    package init(baseURL: String, token: String?, transport: any HTTPTransport, responseLimit: Int = 512 << 20) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.transport = transport
        self.responseLimit = responseLimit
    }

    /// A client for the server, tenant and token a ``ServerConnection`` resolved.
    package init(connection: ServerConnection, transport: any HTTPTransport) {
        self.init(baseURL: connection.baseURL, token: connection.token, transport: transport)
    }

    /// A copy that sends `token` instead (after login, or with a sudo token).
    package func authenticated(with token: String?) -> MonkAPIClient {
        var copy = self
        copy.token = token
        return copy
    }

    // MARK: Requests

    /// Sends a JSON request and decodes the success envelope.
    ///
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - path: the route, e.g. `/api/data/users` (callers encode segments with ``APIPath``).
    ///   - query: query parameters, percent-encoded here; a `nil` value sends the bare name (`?count`).
    ///   - body: the JSON body, sent canonically encoded.
    ///   - isIdempotent: whether a retry after an ambiguous failure is safe (reads sent as POST say `true`).
    /// - Returns: the envelope's `data` and `total`.
    /// - Throws: ``TransportError``: `.server` for an error status (with `status`, `serverCode`, `details`),
    ///   `.badResponse` when the answer is not a JSON envelope, `.network` when the exchange failed.
    package func call(
        _ method: HTTPMethod,
        _ path: String,
        query: [(String, String?)] = [],
        body: JSONValue? = nil,
        isIdempotent: Bool? = nil
    ) async throws -> Envelope {
        let request = makeRequest(method, path, query: query, body: body, isIdempotent: isIdempotent)
        let response = try await transport.send(request, receiving: .buffered(limit: responseLimit))
        return try Envelope.decode(response, for: request)
    }

    /// Builds the request: URL, `Accept`, `Content-Type` and `Authorization` headers, canonical JSON body.
    package func makeRequest(
        _ method: HTTPMethod,
        _ path: String,
        query: [(String, String?)] = [],
        body: JSONValue? = nil,
        accept: String = "application/json",
        isIdempotent: Bool? = nil
    ) -> HTTPRequest {
        var headers = [HTTPHeader("Accept", accept)]
        if case .some = body { headers.append(HTTPHeader("Content-Type", "application/json")) }
        if let token { headers.append(HTTPHeader("Authorization", "Bearer \(token)")) }
        return HTTPRequest(
            method: method,
            url: baseURL + path + APIPath.queryString(query),
            headers: headers,
            body: body?.canonicalBytes,
            isIdempotent: isIdempotent
        )
    }
}

/// Builds paths and query strings with percent-encoding.
package enum APIPath {
    /// `/api/data/` + encoded segments joined by `/`.
    package static func join(_ prefix: String, _ segments: String...) -> String {
        ([prefix] + segments.map(encode)).joined(separator: "/")
    }

    /// `?a=1&b` from pairs (empty for none); names and values percent-encoded.
    package static func queryString(_ pairs: [(String, String?)]) -> String {
        guard !pairs.isEmpty else { return "" }
        return "?"
            + pairs.map { name, value in value.map { "\(encode(name))=\(encode($0))" } ?? encode(name) }
            .joined(separator: "&")
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    package static func encode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
            }
        }
        return out
    }
}
