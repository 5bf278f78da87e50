import MonkClient
import MonkCore
import Synchronization
import Testing

/// A transport that answers from a closure, as API tests without sockets use it.
private struct StubTransport: HTTPTransport {
    let answer: @Sendable (HTTPRequest) -> HTTPResponse

    func send(_ request: HTTPRequest, receiving disposition: ResponseDisposition) async throws -> HTTPResponse {
        answer(request)
    }
}

@Suite struct StubTransportTests {
    @Test func clientRunsOverAnyTransportAndRetriesThroughTheDriver() async throws {
        let calls = Mutex(0)
        let stub = StubTransport { request in
            let attempt = calls.withLock { count in
                count += 1
                return count
            }
            if attempt == 1 {
                return HTTPResponse(head: .init(status: 429, headers: [HTTPHeader("Retry-After", "0")]))
            }
            return HTTPResponse(
                head: .init(status: 200, headers: [HTTPHeader("Content-Type", "application/json")]),
                body: Array(#"{"success":true,"data":["account","users"]}"#.utf8),
                requestID: request.requestID
            )
        }
        let client = MonkAPIClient(
            baseURL: "http://stub",
            token: nil,
            transport: RetryingTransport(wrapping: stub, random: { 0 })
        )
        #expect(try await client.modelNames() == ["account", "users"])
        #expect(calls.withLock { $0 } == 2)
    }
}
