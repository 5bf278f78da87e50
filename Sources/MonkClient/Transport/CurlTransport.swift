/// The real ``HTTPTransport``: libcurl easy handles on threads of their own, with keep-alive, gzip, TLS and
/// the environment's proxy settings.
///
/// One transport serves one process (or one server): its handles keep connections open between requests.
/// `maximumConnections` handles run at most that many transfers at once; more wait in order. Each blocking
/// `curl_easy_perform` runs on one of the transport's threads, and the async caller is resumed when it ends,
/// so the cooperative pool never blocks. Cancelling the caller's task aborts the transfer within about a
/// second (libcurl's progress callback) and throws `CancellationError`.
///
/// ```swift
/// try CurlGlobal.initialize()          // first thing in main
/// let transport = try CurlTransport(configuration: .init(tlsVerification: .insecure))
/// let response = try await transport.send(
///     HTTPRequest(method: .get, url: "https://monk.example/health"),
///     receiving: .buffered(limit: 1 << 20)
/// )
/// ```
package final class CurlTransport: HTTPTransport {
    /// How the transport connects and how long it waits.
    package struct Configuration: Sendable {
        /// Whether TLS certificates and host names are checked.
        package enum TLSVerification: Sendable, Equatable {
            /// Check the peer's certificate chain and host name (the default).
            case verify
            /// Accept any certificate (`--insecure`), for self-signed development servers only.
            case insecure
        }

        /// The longest time to establish a connection (TCP and TLS).
        package var connectTimeout: Duration
        /// The longest one buffered attempt may take, unless the request sets its own `timeout`. Streamed
        /// responses have no overall limit by default (they can be large), only `stallTimeout`.
        package var requestTimeout: Duration
        /// A transfer that moves no byte for this long fails.
        package var stallTimeout: Duration
        package var tlsVerification: TLSVerification
        /// Transfers that may run at once, each on its own thread and handle.
        package var maximumConnections: Int
        package var userAgent: String
        /// Whether to ask a loopback server (`127.x.x.x`, `localhost`, `[::1]`) for compressed responses.
        /// Compression saves bandwidth on a network but only costs CPU on both ends over loopback: a server
        /// gzipping a 1M-record JSONL stream took 3.4x as long as sending it plain.
        package var compressesLoopback: Bool

        package init(
            connectTimeout: Duration = .seconds(10),
            requestTimeout: Duration = .seconds(120),
            stallTimeout: Duration = .seconds(60),
            tlsVerification: TLSVerification = .verify,
            maximumConnections: Int = 4,
            userAgent: String = "monk/0.1.0",
            compressesLoopback: Bool = true
        ) {
            self.compressesLoopback = compressesLoopback
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.stallTimeout = stallTimeout
            self.tlsVerification = tlsVerification
            self.maximumConnections = maximumConnections
            self.userAgent = userAgent
        }
    }

    package let configuration: Configuration
    private let pool: CurlWorkerPool

    /// Creates a transport; no thread or connection exists until the first request.
    ///
    /// - Throws: ``TransportError`` when libcurl cannot be initialised.
    package init(configuration: Configuration = Configuration()) throws(TransportError) {
        try CurlGlobal.initialize()
        self.configuration = configuration
        pool = CurlWorkerPool(maximumWorkers: configuration.maximumConnections)
    }

    deinit {
        pool.shutdown()
    }

    package func send(_ request: HTTPRequest, receiving disposition: ResponseDisposition) async throws -> HTTPResponse {
        try Task.checkCancellation()
        let transfer = CurlTransfer(request: request, disposition: disposition)
        let configuration = configuration
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                pool.submit { handle in
                    guard let handle else {
                        let error = TransportError(code: .network, message: "the HTTP transport has shut down")
                        continuation.resume(throwing: error)
                        return
                    }
                    guard !transfer.isCancelled else {
                        continuation.resume(throwing: CancellationError())
                        return
                    }
                    continuation.resume(with: handle.perform(transfer, configuration: configuration))
                }
            }
        } onCancel: {
            transfer.cancel()
        }
    }
}
