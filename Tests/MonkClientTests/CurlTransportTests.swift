import MonkClient
import MonkTestSupport
import Synchronization
import Testing

@Suite struct CurlTransportTests {
    private let limit = ResponseDisposition.buffered(limit: 1 << 20)

    @Test func buffersBodyAndParsesResponseHeaders() async throws {
        let server = try LoopbackHTTPServer(replies: [
            .json(#"{"success":true}"#, headers: [("Retry-After", "7"), ("X-Thing", "a")])
        ])
        defer { server.stop() }
        let transport = try CurlTransport()
        let request = HTTPRequest(
            method: .get,
            url: server.baseURL + "/health",
            headers: [HTTPHeader("Accept", "application/json")],
            requestID: "req-1"
        )
        let response = try await transport.send(request, receiving: limit)
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"success":true}"#)
        #expect(response.head.mediaType == "application/json")
        #expect(response.head.header("retry-after") == "7")
        #expect(response.head.header("X-THING") == "a")
        let seen = try #require(server.received.first)
        #expect(seen.method == "GET" && seen.target == "/health")
        #expect(seen.headers["x-request-id"] == "req-1")
        #expect(seen.headers["accept-encoding"]?.contains("gzip") == true)
        #expect(seen.headers["accept"] == "application/json")
        #expect(seen.headers["expect"] == nil)
    }

    @Test func sendsBodyWithMethodAndReusesTheConnection() async throws {
        let server = try LoopbackHTTPServer(replies: [.json("{}")])
        defer { server.stop() }
        let transport = try CurlTransport(configuration: .init(maximumConnections: 1))
        let body = Array(String(repeating: "x", count: 5_000).utf8)
        for method in [HTTPMethod.post, .put, .patch, .delete] {
            let request = HTTPRequest(method: method, url: server.baseURL + "/api/data/users", body: body)
            _ = try await transport.send(request, receiving: limit)
        }
        let received = server.received
        #expect(received.map(\.method) == ["POST", "PUT", "PATCH", "DELETE"])
        #expect(received.allSatisfy { $0.body == body })
        #expect(Set(received.map(\.connection)) == [0])
    }

    @Test func decodesGzipResponses() async throws {
        let text = String(repeating: #"{"id":"a","n":1}"# + "\n", count: 300)
        let server = try LoopbackHTTPServer(replies: [
            .init(headers: [("Content-Encoding", "gzip")], body: StoredGzip.encode(Array(text.utf8)))
        ])
        defer { server.stop() }
        let response = try await CurlTransport().send(
            HTTPRequest(method: .get, url: server.baseURL + "/x"),
            receiving: limit
        )
        #expect(String(decoding: response.body, as: UTF8.self) == text)
    }

    @Test func streamsChunksToTheConsumerWithoutBuffering() async throws {
        let chunks = [Array(#"{"id":"1"}"#.utf8) + [10, 123], Array(#""id":"2"}"#.utf8) + [10]]
        let server = try LoopbackHTTPServer(replies: [.init(chunks: chunks)])
        defer { server.stop() }
        let collected = Mutex<[UInt8]>([])
        let response = try await CurlTransport().send(
            HTTPRequest(method: .get, url: server.baseURL + "/stream"),
            receiving: .streamed(errorLimit: 1_024) { chunk in collected.withLock { $0 += chunk } }
        )
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(collected.withLock { $0 } == chunks.flatMap { $0 })
    }

    @Test func bodyOfAnErrorStatusIsBufferedWhenStreaming() async throws {
        let envelope = #"{"success":false,"error":"no","error_code":"MODEL_NOT_FOUND"}"#
        let server = try LoopbackHTTPServer(replies: [.json(envelope, status: 404)])
        defer { server.stop() }
        let calls = Mutex(0)
        let response = try await CurlTransport().send(
            HTTPRequest(method: .get, url: server.baseURL + "/api/data/nope"),
            receiving: .streamed(errorLimit: 1_024) { _ in calls.withLock { $0 += 1 } }
        )
        #expect(response.status == 404)
        #expect(String(decoding: response.body, as: UTF8.self) == envelope)
        #expect(calls.withLock { $0 } == 0)
    }

    @Test func consumerErrorStopsTheTransferAndIsRethrown() async throws {
        struct Stop: Error {}
        let server = try LoopbackHTTPServer(replies: [.init(chunks: [[1, 2], [3]])])
        defer { server.stop() }
        await #expect(throws: Stop.self) {
            _ = try await CurlTransport().send(
                HTTPRequest(method: .get, url: server.baseURL + "/s"),
                receiving: .streamed(errorLimit: 10) { _ in throw Stop() }
            )
        }
    }

    @Test func bodyOverTheLimitIsABadResponse() async throws {
        let server = try LoopbackHTTPServer(replies: [.init(body: [UInt8](repeating: 65, count: 4_096))])
        defer { server.stop() }
        let error = await #expect(throws: TransportError.self) {
            _ = try await CurlTransport().send(
                HTTPRequest(method: .get, url: server.baseURL + "/big"),
                receiving: .buffered(limit: 100)
            )
        }
        #expect(error?.code == .badResponse)
        #expect(error?.message.contains("100 bytes") == true)
    }

    @Test func slowServerTimesOutAsANetworkError() async throws {
        let server = try LoopbackHTTPServer(replies: [.init(hangs: true)])
        defer { server.stop() }
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: TransportError.self) {
            _ = try await CurlTransport().send(
                HTTPRequest(method: .get, url: server.baseURL + "/slow", timeout: .milliseconds(300)),
                receiving: limit
            )
        }
        #expect(error?.code == .network)
        #expect(error?.category == .network)
        #expect(error?.message.contains("GET http://127.0.0.1:\(server.port)/slow") == true)
        #expect(error?.requestMayHaveBeenSent == true)
        // Without the 300 ms timeout this would hang forever; the loose bound tolerates a loaded 2-core CI machine
        // where the whole suite runs in parallel and resumption can wait for a cooperative thread.
        #expect(clock.now - start < .seconds(20))
    }

    @Test func refusedConnectionIsANetworkErrorThatSentNothing() async throws {
        let server = try LoopbackHTTPServer(replies: [.json("{}")])
        let url = server.baseURL + "/health"
        server.stop()
        try await waitUntilRefused(url)
        let error = await #expect(throws: TransportError.self) {
            _ = try await CurlTransport().send(HTTPRequest(method: .post, url: url), receiving: limit)
        }
        #expect(error?.code == .network)
        #expect(error?.requestMayHaveBeenSent == false)
        #expect(error?.method == "POST")
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        let server = try LoopbackHTTPServer(replies: [.init(hangs: true)])
        defer { server.stop() }
        let transport = try CurlTransport()
        let task = Task {
            try await transport.send(HTTPRequest(method: .get, url: server.baseURL + "/hang"), receiving: limit)
        }
        try await pollUntil { !server.received.isEmpty }
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
    }

    @Test func headerWithALineBreakIsRefusedWithoutShowingIt() async throws {
        let request = HTTPRequest(
            method: .get,
            url: "http://127.0.0.1:1/x",
            headers: [HTTPHeader("Authorization", "Bearer abc\r\nX-Evil: 1")]
        )
        let error = await #expect(throws: TransportError.self) {
            _ = try await CurlTransport().send(request, receiving: limit)
        }
        #expect(error?.code == .invalidRequest)
        #expect(error?.message.contains("abc") == false)
        #expect(error?.message.contains("\"Authorization\"") == true)
    }

    @Test func unsupportedSchemeIsAnInvalidRequest() async throws {
        let error = await #expect(throws: TransportError.self) {
            _ = try await CurlTransport().send(HTTPRequest(method: .get, url: "file:///etc/passwd"), receiving: limit)
        }
        #expect(error?.code == .invalidRequest)
    }
}

/// Polls `condition` every few milliseconds until it holds, failing after `timeout`.
func pollUntil(timeout: Duration = .seconds(10), _ condition: () -> Bool) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while !condition() {
        guard clock.now < deadline else { throw ServerError("condition not met within \(timeout)") }
        try await Task.sleep(for: .milliseconds(5))
    }
}

/// Waits until a stopped server's port refuses connections (its accept thread closes the socket).
private func waitUntilRefused(_ url: String) async throws {
    let transport = try CurlTransport()
    let clock = ContinuousClock()
    let deadline = clock.now + .seconds(10)
    while clock.now < deadline {
        do {
            _ = try await transport.send(
                HTTPRequest(method: .get, url: url, timeout: .milliseconds(200)),
                receiving: .buffered(limit: 10)
            )
        } catch let error as TransportError where !error.requestMayHaveBeenSent {
            return
        } catch {
            try await Task.sleep(for: .milliseconds(5))
        }
    }
    throw ServerError("port still accepts connections")
}
