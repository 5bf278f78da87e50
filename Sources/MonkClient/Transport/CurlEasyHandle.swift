import CCurl

/// One libcurl easy handle: the unit that keeps a connection alive between requests.
///
/// A handle is used by one thread at a time (its ``CurlWorkerPool`` worker). Between transfers it is reset with
/// `curl_easy_reset`, which keeps its open connections, so the next request to the same server reuses them.
final class CurlEasyHandle {
    /// A transfer's response, or why it has none.
    typealias TransferResult = Result<HTTPResponse, any Error>

    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init() throws(TransportError) {
        try CurlGlobal.initialize()
        guard let handle = curl_easy_init() else {
            throw TransportError(code: .network, message: "libcurl could not create a transfer handle")
        }
        self.handle = handle
        let size = ccurl_error_size()
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Runs `transfer` to completion on the calling thread (blocking) and returns its response or error.
    ///
    /// Errors are ``TransportError`` (network, bad response, invalid request), `CancellationError` when the
    /// transfer was cancelled, or the streaming consumer's own error.
    func perform(_ transfer: CurlTransfer, configuration: CurlTransport.Configuration) -> TransferResult {
        curl_easy_reset(handle)
        errorBuffer[0] = 0
        let request = transfer.request
        if let error = Self.headerError(in: request) { return .failure(error) }
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        for header in request.headers + defaultHeaders(for: request) {
            headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
        }
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        let code: CURLcode = withExtendedLifetime(transfer) {
            var setup = CurlOptionSetter(handle: handle)
            setup.configure(request: request, configuration: configuration, streamed: transfer.isStreamed)
            setup.pointer(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
            setup.slist(CURLOPT_HTTPHEADER, headerList)
            setup.callbacks(context: context)
            return withBody(request.body ?? bodyPlaceholder(for: request.method)) { pointer, count in
                if let pointer {
                    setup.offset(CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(count))
                    setup.pointer(CURLOPT_POSTFIELDS, pointer)
                }
                if let failure = setup.failure { return failure }
                return curl_easy_perform(handle)
            }
        }
        return outcome(of: code, transfer: transfer)
    }

    /// The headers every request carries: its request id, and an empty `Expect` so libcurl never waits for
    /// `100 Continue` before sending a body.
    private func defaultHeaders(for request: HTTPRequest) -> [HTTPHeader] {
        var headers = [HTTPHeader("Expect", "")]
        if request.header("X-Request-Id") == nil { headers.append(HTTPHeader("X-Request-Id", request.requestID)) }
        return headers
    }

    /// An empty body for methods whose servers expect `Content-Length: 0` rather than no body at all.
    private func bodyPlaceholder(for method: HTTPMethod) -> [UInt8]? {
        method == .post || method == .put || method == .patch ? [] : nil
    }

    /// Calls `body` with a stable pointer to `bytes` (a non-nil pointer even when empty), or with `nil`.
    private func withBody(
        _ bytes: [UInt8]?,
        _ body: (UnsafeMutableRawPointer?, Int) -> CURLcode
    ) -> CURLcode {
        guard let bytes else { return body(nil, 0) }
        if bytes.isEmpty {
            var empty: UInt8 = 0
            return withUnsafeMutableBytes(of: &empty) { body($0.baseAddress, 0) }
        }
        // libcurl only reads `CURLOPT_POSTFIELDS`; the mutable pointer type is the C signature's, not a write.
        return bytes.withUnsafeBytes { body(UnsafeMutableRawPointer(mutating: $0.baseAddress), $0.count) }
    }

    /// Turns libcurl's result code into the transfer's response or error.
    private func outcome(of code: CURLcode, transfer: CurlTransfer) -> TransferResult {
        let request = transfer.request
        if code == CURLE_OK {
            var head = transfer.headParser.head
            if head.status == 0 {
                var status = 0
                _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
                head.status = status
            }
            return .success(HTTPResponse(head: head, body: transfer.body, requestID: request.requestID))
        }
        if transfer.isCancelled { return .failure(CancellationError()) }
        if let failure = transfer.failure {
            guard var error = failure as? TransportError else { return .failure(failure) }
            error.message = "\(request.method) \(RedactedURL.describe(request.url)): \(error.message)"
            error.method = request.method.name
            error.url = RedactedURL.describe(request.url)
            error.requestID = request.requestID
            return .failure(error)
        }
        return .failure(networkError(code, request: request))
    }

    private func networkError(_ code: CURLcode, request: HTTPRequest) -> TransportError {
        var sentBytes = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_REQUEST_SIZE, &sentBytes)
        let detail = errorBuffer[0] == 0 ? Self.text(of: code) : String(cString: errorBuffer)
        let url = RedactedURL.describe(request.url)
        // Codes that mean the request itself could not be set up, not that the network failed.
        let isInvalid = [
            CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_UNKNOWN_OPTION, CURLE_BAD_FUNCTION_ARGUMENT,
            CURLE_NOT_BUILT_IN,
        ].contains(code)
        var error = TransportError(
            code: isInvalid ? .invalidRequest : .network,
            message: "\(request.method) \(url): \(detail)"
        )
        error.method = request.method.name
        error.url = url
        error.requestID = request.requestID
        error.requestMayHaveBeenSent = sentBytes > 0
        return error
    }

    /// An error when a header name or value holds CR or LF, which would let it start a new header. The value
    /// is not shown: it may be a token read from a damaged config file.
    private static func headerError(in request: HTTPRequest) -> TransportError? {
        guard let unsafe = request.headers.first(where: { breaksLines($0.name) || breaksLines($0.value) }) else {
            return nil
        }
        let url = RedactedURL.describe(request.url)
        var error = TransportError(
            code: .invalidRequest,
            message: "\(request.method) \(url): header \(unsafe.name.debugDescription) contains a line break"
        )
        error.method = request.method.name
        error.url = url
        error.requestMayHaveBeenSent = false
        return error
    }

    /// Whether `text` holds CR or LF.
    private static func breaksLines(_ text: String) -> Bool {
        text.utf8.contains { $0 == 10 || $0 == 13 }
    }

    /// libcurl's text for a result code.
    static func text(of code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }
}
