/// What a transport does with a response body.
package enum ResponseDisposition: Sendable {
    /// Keep the whole body in memory; a body larger than `limit` bytes (after decoding gzip) fails the request
    /// with ``TransportError/Code/badResponse``.
    case buffered(limit: Int)
    /// Hand a successful (2xx) body to `consumer` chunk by chunk as it arrives, without keeping it.
    ///
    /// The consumer runs on the transport's own thread, one chunk at a time, in order; the send returns after
    /// the last chunk. A chunk's buffer is valid only during the call. A consumer that throws stops the
    /// transfer, and `send` rethrows its error. An error status is buffered instead (up to `errorLimit`
    /// bytes) so the caller can read the server's error envelope.
    case streamed(errorLimit: Int, consumer: @Sendable (UnsafeRawBufferPointer) throws -> Void)
}

/// The status line and headers of a response.
package struct HTTPResponseHead: Sendable, Equatable {
    /// The HTTP status code, e.g. 200.
    package var status: Int
    /// The header lines in arrival order; names as the server sent them.
    package var headers: [HTTPHeader]

    package init(status: Int, headers: [HTTPHeader] = []) {
        self.status = status
        self.headers = headers
    }

    /// The value of the first header named `name` (case-insensitive), if any.
    package func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The media type of `Content-Type` without parameters, lowercased: `application/json`.
    package var mediaType: String? {
        guard let value = header("Content-Type") else { return nil }
        let type = value.split(separator: ";", maxSplits: 1).first ?? ""
        let trimmed = type.trimmingASCIIWhitespace().lowercased()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Whether the status is 2xx.
    package var isSuccess: Bool { (200..<300).contains(status) }
}

/// A response as a transport returns it.
package struct HTTPResponse: Sendable {
    package var head: HTTPResponseHead
    /// The body: all of it when buffered or when the status is an error; empty for a streamed success.
    package var body: [UInt8]
    /// The `X-Request-Id` the request carried.
    package var requestID: String

    package init(head: HTTPResponseHead, body: [UInt8] = [], requestID: String = "") {
        self.head = head
        self.body = body
        self.requestID = requestID
    }

    package var status: Int { head.status }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs, CR and LF.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
