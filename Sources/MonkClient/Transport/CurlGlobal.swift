import CCurl

/// libcurl's process-wide initialisation, done once.
///
/// `curl_global_init` is not thread-safe and must finish before any easy handle exists, so `MonkCLI.main` calls
/// ``initialize()`` first thing; ``CurlTransport`` calls it too, which is then a no-op. The result is kept in a
/// lazily initialised `static let`, which Swift runs exactly once even under concurrent first use.
package enum CurlGlobal {
    private static let result: CURLcode = ccurl_global_init_default()

    /// Initialises libcurl for the whole process; later calls return the first call's outcome.
    ///
    /// - Throws: ``TransportError`` (`.network`) when libcurl could not initialise (e.g. no TLS backend).
    package static func initialize() throws(TransportError) {
        let code = result
        guard code == CURLE_OK else {
            throw TransportError(
                code: .network,
                message: "libcurl failed to initialise: \(CurlEasyHandle.text(of: code))"
            )
        }
    }

    /// The libcurl version string, e.g. `libcurl/7.88.1 OpenSSL/3.0.17 zlib/1.2.13`, for `--version` output.
    package static var version: String {
        guard let text = curl_version() else { return "libcurl" }
        return String(cString: text)
    }
}
