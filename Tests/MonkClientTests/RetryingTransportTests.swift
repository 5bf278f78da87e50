import MonkClient
import MonkTestSupport
import Testing

@Suite struct RetryingTransportTests {
    @Test func retriesServiceUnavailableAfterRetryAfterUntilSuccess() async throws {
        let unavailable = LoopbackHTTPServer.Reply.json(
            #"{"success":false,"error":"busy","error_code":"DATABASE_UNAVAILABLE"}"#,
            status: 503,
            headers: [("Retry-After", "1")]
        )
        let server = try LoopbackHTTPServer(replies: [unavailable, unavailable, .json(#"{"success":true}"#)])
        defer { server.stop() }
        let transport = RetryingTransport(wrapping: try CurlTransport(), random: { 0 })
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await transport.send(
            HTTPRequest(method: .post, url: server.baseURL + "/api/data/users", body: Array("[]".utf8)),
            receiving: .buffered(limit: 1_024)
        )
        #expect(response.status == 200)
        #expect(clock.now - start >= .seconds(2))
        #expect(server.received.count == 3)
    }

    @Test func deliversTheLastResponseWhenRetriesRunOut() async throws {
        let server = try LoopbackHTTPServer(replies: [.json("{}", status: 503, headers: [("Retry-After", "0")])])
        defer { server.stop() }
        let transport = RetryingTransport(wrapping: try CurlTransport(), policy: .init(maxRetries: 2), random: { 0 })
        let response = try await transport.send(
            HTTPRequest(method: .get, url: server.baseURL + "/x"),
            receiving: .buffered(limit: 1_024)
        )
        #expect(response.status == 503)
        #expect(server.received.count == 3)
    }

    @Test func doesNotRetryAWriteWhoseConnectionBrokeAfterSending() async throws {
        let server = try LoopbackHTTPServer(replies: [.init(hangs: true)])
        defer { server.stop() }
        let transport = RetryingTransport(wrapping: try CurlTransport(), random: { 0 })
        await #expect(throws: TransportError.self) {
            _ = try await transport.send(
                HTTPRequest(method: .post, url: server.baseURL + "/api/bulk", timeout: .milliseconds(200)),
                receiving: .buffered(limit: 1_024)
            )
        }
        #expect(server.received.count == 1)
    }

    @Test func overallDeadlineCapsWaitsAndAttempts() async throws {
        let server = try LoopbackHTTPServer(replies: [.json("{}", status: 503, headers: [("Retry-After", "30")])])
        defer { server.stop() }
        let transport = RetryingTransport(wrapping: try CurlTransport(), overallTimeout: .seconds(5), random: { 0 })
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await transport.send(
            HTTPRequest(method: .get, url: server.baseURL + "/x"),
            receiving: .buffered(limit: 1_024)
        )
        #expect(response.status == 503)
        // Honouring Retry-After would take 30 s; the bound proves the 5 s deadline capped it while tolerating a
        // loaded CI machine where the whole suite runs in parallel.
        #expect(clock.now - start < .seconds(20))
        #expect(server.received.count == 1)
    }
}
