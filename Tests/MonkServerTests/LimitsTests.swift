import HTTPTypes
import MonkCore
import MonkServer
import Testing

@Suite struct LimitsTests {
    @Test func deeplyNestedBodiesAreRejected() async throws {
        try await TestServer.run(configure: { $0.maxJSONDepth = 8 }) { server in
            let token = try await server.register(tenant: "acme")
            let deep = String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
            let reply = try await server.send(
                .post,
                "/api/find/account",
                raw: "{\"where\":{\"name\":\(deep)}}",
                token: token
            )
            #expect(reply.status == 400)
            #expect(reply.errorCode == "INVALID_REQUEST_BODY")
        }
    }

    @Test func wrongMediaTypeIs415() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let reply = try await server.send(
                .post,
                "/api/find/account",
                raw: "PK",
                token: token,
                headers: [.contentType: "application/zip"]
            )
            #expect(reply.status == 415)
            #expect(reply.errorCode == "UNSUPPORTED_MEDIA_TYPE")
        }
    }

    @Test func yamlEnvelopeOnRequest() async throws {
        try await TestServer.run { server in
            let reply = try await server.send(.get, "/health", headers: [.accept: "application/yaml"])
            #expect(reply.headers[.contentType]?.hasPrefix("application/yaml") == true)
            #expect(reply.text.contains("status: healthy"))
        }
    }
}
