import Foundation
import HTTPTypes
import MonkCore
import MonkServer
import MonkTestSupport
import Testing

/// Transport rules of API.md §0.1 and §14 over real HTTP: gzip both ways, rate limits, the store being
/// unavailable, draining on shutdown, and the personal-mode tenant list.
@Suite struct TransportTests {
    @Test func gzipRequestBodiesAreDecoded() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let body = #"[{"name":"Zip","email":"zip@x.test","username":"zip","account_type":"trial"}]"#
            let reply = try await server.send(
                .post,
                "/api/data/account",
                bytes: StoredGzip.encode(Array(body.utf8)),
                token: token,
                headers: [.contentEncoding: "gzip"]
            )
            #expect(reply.status == 200)
            #expect(reply.data[0]?["name"]?.stringValue == "Zip")
        }
    }

    @Test func brokenGzipBodiesAre400() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let reply = try await server.send(
                .post,
                "/api/data/account",
                raw: "definitely not gzip",
                token: token,
                headers: [.contentEncoding: "gzip"]
            )
            #expect(reply.status == 400)
            #expect(reply.errorCode == "INVALID_REQUEST_BODY")
        }
    }

    @Test func responsesAreGzippedWhenAccepted() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let plain = try await server.send(.get, "/api/data/account", token: token)
            let zipped = try await server.send(
                .get,
                "/api/data/account",
                token: token,
                headers: [.acceptEncoding: "br, gzip"]
            )
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(zipped.body.count < plain.body.count)
            let inflated = try Gzip.inflate(zipped.body, limit: 1 << 20)
            #expect((try? JSONParser.parse(inflated)) == plain.json)
        }
    }

    @Test func jsonlStreamsAreGzippedWhenAccepted() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let reply = try await server.send(
                .get,
                "/api/data/account",
                token: token,
                headers: [.accept: "application/x-ndjson", .acceptEncoding: "gzip"]
            )
            #expect(reply.headers[.contentEncoding] == "gzip")
            let lines = try Gzip.inflate(reply.body, limit: 1 << 20).split(separator: UInt8(ascii: "\n"))
            #expect(lines.count == 5)
        }
    }

    @Test func smallResponsesAndRefusedGzipStayPlain() async throws {
        try await TestServer.run { server in
            let health = try await server.send(.get, "/health", headers: [.acceptEncoding: "gzip"])
            #expect(health.headers[.contentEncoding] == nil)
            #expect(health.json["status"]?.stringValue == "healthy" || health.data["status"] != nil)
            let token = try await server.register(tenant: "acme")
            let refused = try await server.send(
                .get,
                "/api/data/account",
                token: token,
                headers: [.acceptEncoding: "gzip;q=0"]
            )
            #expect(refused.headers[.contentEncoding] == nil)
        }
    }

    @Test func authRequestsPerIPAreLimitedWithRetryAfter() async throws {
        try await TestServer.run(configure: {
            $0.exemptsLoopbackFromRateLimit = false
            $0.authRequestsPerMinute = 2
        }) { server in
            let login: JSONValue = ["tenant": "nobody", "username": "root", "password": "wrong"]
            for _ in 0..<2 {
                let reply = try await server.send(.post, "/auth/login", json: login)
                #expect(reply.status == 401)
            }
            let limited = try await server.send(.post, "/auth/login", json: login)
            #expect(limited.status == 429)
            #expect(limited.errorCode == "RATE_LIMITED")
            let retryAfter = limited.headers[.retryAfter].flatMap(Int.init)
            #expect(retryAfter.map { (1...60).contains($0) } == true)
            #expect(limited.data["retry_after"]?.numberValue?.int64Value == retryAfter.map(Int64.init))
        }
    }

    @Test func apiRequestsPerTokenAreLimitedWhenConfigured() async throws {
        try await TestServer.run(configure: { $0.apiRequestsPerMinutePerToken = 2 }) { server in
            let token = try await server.register(tenant: "acme")
            for _ in 0..<2 {
                #expect(try await server.send(.get, "/api/describe", token: token).status == 200)
            }
            let limited = try await server.send(.get, "/api/describe", token: token)
            #expect(limited.status == 429)
            #expect(limited.errorCode == "RATE_LIMITED")
            #expect(limited.headers[.retryAfter] != nil)
            let other = try await server.register(tenant: "other")
            #expect(try await server.send(.get, "/api/describe", token: other).status == 200)
        }
    }

    @Test func tenantListNeedsPersonalMode() async throws {
        try await TestServer.run { server in
            let reply = try await server.send(.get, "/auth/tenants")
            #expect(reply.status == 403)
            #expect(reply.errorCode == "AUTH_TENANT_LIST_NOT_AVAILABLE")
        }
        try await TestServer.run(configure: { $0.isPersonal = true }) { server in
            _ = try await server.register(tenant: "acme")
            _ = try await server.register(tenant: "beta", template: "system")
            let reply = try await server.send(.get, "/auth/tenants")
            #expect(reply.status == 200)
            let names = reply.data.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(names == ["acme", "beta"])
            #expect(reply.data[0]?["users"] == ["root"])
            #expect(reply.data[0]?["description"] == .null)
        }
    }

    @Test func unreadableTenantFileIsDatabaseUnavailable() async throws {
        try await withTemporaryDirectory { directory in
            let data = directory.path
            let tokens = TokenBox()
            try await TestServer.run(configure: { $0.dataDirectory = data }) { server in
                tokens.token = try await server.register(tenant: "acme")
            }
            let file = data + "/tenants/acme.sqlite"
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
            try Data(repeating: 0x5a, count: 8192).write(to: URL(fileURLWithPath: file))
            try await TestServer.run(configure: { $0.dataDirectory = data }) { server in
                let reply = try await server.send(.get, "/api/data/account", token: tokens.token)
                #expect(reply.status == 503)
                #expect(reply.errorCode == "DATABASE_UNAVAILABLE")
                #expect(reply.headers[.retryAfter] != nil)
            }
        }
    }
}

/// Carries a token from one server run to the next.
private final class TokenBox: @unchecked Sendable {
    var token = ""
}
