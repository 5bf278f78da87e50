import HTTPTypes
import MonkCore
import Testing

@Suite struct HealthTests {
    @Test func healthAndRootDescribeTheServer() async throws {
        try await TestServer.run { server in
            let health = try await server.send(.get, "/health")
            #expect(health.status == 200)
            #expect(health.data["status"] == "healthy")
            #expect(health.data["database"] == "sqlite")
            #expect(health.headers[.init("X-Request-Id")!] != nil)
            let root = try await server.send(.get, "/")
            #expect(root.data["name"] == "monk")
            #expect(root.data["capabilities"]?.arrayValue?.contains("keyset") == true)
        }
    }

    @Test func unknownRouteIsNotFoundEnvelope() async throws {
        try await TestServer.run { server in
            let reply = try await server.send(.get, "/api/nothing-here")
            #expect(reply.status == 404)
            #expect(reply.errorCode == "NOT_FOUND")
            #expect(reply.json["success"] == false)
        }
    }

    @Test func requestIDIsEchoed() async throws {
        try await TestServer.run { server in
            let reply = try await server.send(.get, "/health", headers: [.init("X-Request-Id")!: "abc-123"])
            #expect(reply.headers[.init("X-Request-Id")!] == "abc-123")
        }
    }
}
