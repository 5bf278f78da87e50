import CCurl

/// Sets the options of one transfer on an easy handle, remembering the first option libcurl refused.
struct CurlOptionSetter {
    let handle: UnsafeMutableRawPointer
    /// The first failing `curl_easy_setopt` result, if any; the transfer is then not performed.
    private(set) var failure: CURLcode?

    init(handle: UnsafeMutableRawPointer) { self.handle = handle }

    mutating func long(_ option: CURLoption, _ value: Int) { record(ccurl_setopt_long(handle, option, value)) }
    mutating func offset(_ option: CURLoption, _ value: curl_off_t) { record(ccurl_setopt_off(handle, option, value)) }
    mutating func string(_ option: CURLoption, _ value: String) { record(ccurl_setopt_string(handle, option, value)) }
    mutating func pointer(_ option: CURLoption, _ value: UnsafeMutableRawPointer?) {
        record(ccurl_setopt_pointer(handle, option, value))
    }
    mutating func slist(_ option: CURLoption, _ value: UnsafeMutablePointer<curl_slist>?) {
        record(ccurl_setopt_slist(handle, option, value))
    }

    /// URL, method, timeouts, TLS, compression and connection behaviour of one request.
    ///
    /// Proxies come from the environment (`http_proxy`, `https_proxy`, `no_proxy`): libcurl reads them itself
    /// when no `CURLOPT_PROXY` is set, which monk never does. Redirects are not followed, so an
    /// `Authorization` header never travels to another host.
    mutating func configure(request: HTTPRequest, configuration: CurlTransport.Configuration, streamed: Bool) {
        string(CURLOPT_URL, request.url)
        string(CURLOPT_PROTOCOLS_STR, "http,https")
        long(CURLOPT_NOSIGNAL, 1)
        long(CURLOPT_TCP_KEEPALIVE, 1)
        if configuration.compressesLoopback || !Self.isLoopback(request.url) {
            string(CURLOPT_ACCEPT_ENCODING, "")
        }
        string(CURLOPT_USERAGENT, configuration.userAgent)
        long(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout))
        let timeout = request.timeout ?? (streamed ? nil : configuration.requestTimeout)
        long(CURLOPT_TIMEOUT_MS, timeout.map(Self.milliseconds) ?? 0)
        // A stalled stream (not one byte for a minute) fails even without an overall timeout.
        long(CURLOPT_LOW_SPEED_LIMIT, 1)
        long(CURLOPT_LOW_SPEED_TIME, Int(configuration.stallTimeout.components.seconds))
        let verify = configuration.tlsVerification == .verify ? 1 : 0
        long(CURLOPT_SSL_VERIFYPEER, verify)
        long(CURLOPT_SSL_VERIFYHOST, verify * 2)
        switch request.method {
        case .get: long(CURLOPT_HTTPGET, 1)
        case .head: long(CURLOPT_NOBODY, 1)
        case .post: long(CURLOPT_POST, 1)
        default: string(CURLOPT_CUSTOMREQUEST, request.method.name)
        }
    }

    /// Whether `url`'s host is a loopback address (`127.x.x.x`, `localhost`, `[::1]`).
    static func isLoopback(_ url: String) -> Bool {
        let parts = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        // "http:", "", authority, path…
        guard parts.count >= 3, parts[0].hasSuffix(":"), parts[1].isEmpty else { return false }
        let rest = parts[2]
        let authority = rest.prefix { $0 != "?" && $0 != "#" }
        let hostAndPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? authority
        if hostAndPort.hasPrefix("[") { return hostAndPort.lowercased().hasPrefix("[::1]") }
        let host = hostAndPort.prefix { $0 != ":" }.lowercased()
        return host == "localhost" || (host.hasPrefix("127.") && host.allSatisfy { $0 == "." || $0.isNumber })
    }

    /// Routes body, header and progress callbacks to the transfer behind `context`.
    mutating func callbacks(context: UnsafeMutableRawPointer) {
        record(ccurl_setopt_write_callback(handle, curlWriteCallback))
        pointer(CURLOPT_WRITEDATA, context)
        record(ccurl_setopt_header_callback(handle, curlHeaderCallback))
        pointer(CURLOPT_HEADERDATA, context)
        record(ccurl_setopt_xferinfo_callback(handle, curlProgressCallback))
        pointer(CURLOPT_XFERINFODATA, context)
        long(CURLOPT_NOPROGRESS, 0)
    }

    private mutating func record(_ code: CURLcode) {
        if code != CURLE_OK, failure == nil { failure = code }
    }

    /// Whole milliseconds of `duration`, at least 1 so libcurl never reads 0 as "no timeout".
    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1_000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
