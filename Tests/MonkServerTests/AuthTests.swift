import HTTPTypes
import MonkCore
import Testing

@Suite struct AuthTests {
    @Test func registerLoginAndRefreshIssueWorkingTokens() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let me = try await server.send(.get, "/api/user/me", token: token)
            #expect(me.status == 200)
            #expect(me.data["auth"] == "root")
            #expect(me.data["id"] == "00000000-0000-0000-0000-000000000000")
            let login = try await server.send(
                .post,
                "/auth/login",
                json: ["tenant": "acme", "username": "root", "password": "s3cret"]
            )
            #expect(login.status == 200)
            #expect(login.data["user"]?["access"] == "root")
            let fresh = try #require(login.data["token"]?.stringValue)
            let refresh = try await server.send(.post, "/auth/refresh", token: fresh)
            #expect(refresh.status == 200)
            #expect(refresh.data["expires_in"] == 604_800)
        }
    }

    @Test(arguments: [
        ("acme", "root", "wrong"), ("acme", "nobody", "s3cret"), ("other", "root", "s3cret"),
    ])
    func everyBadLoginIsTheSame401(tenant: String, username: String, password: String) async throws {
        try await TestServer.run { server in
            _ = try await server.register(tenant: "acme")
            let reply = try await server.send(
                .post,
                "/auth/login",
                json: ["tenant": .string(tenant), "username": .string(username), "password": .string(password)]
            )
            #expect(reply.status == 401)
            #expect(reply.errorCode == "AUTH_LOGIN_FAILED")
        }
    }

    @Test func registrationValidatesItsBody() async throws {
        try await TestServer.run { server in
            let cases: [(JSONValue, String)] = [
                (["username": "root", "password": "x"], "AUTH_TENANT_MISSING"),
                (["tenant": "Bad-Name", "username": "root", "password": "x"], "AUTH_TENANT_INVALID"),
                (["tenant": "ok", "password": "x"], "AUTH_USERNAME_MISSING"),
                (["tenant": "ok", "username": "root"], "AUTH_PASSWORD_MISSING"),
                (["tenant": "ok", "username": "root", "password": "x", "template": "nope"], "FIXTURE_NOT_FOUND"),
                ([1, 2], "BODY_NOT_OBJECT"),
            ]
            for (body, code) in cases {
                let reply = try await server.send(.post, "/auth/register", json: body)
                #expect(reply.status == 400, "\(code)")
                #expect(reply.errorCode == code)
            }
            _ = try await server.register(tenant: "acme")
            let again = try await server.send(
                .post,
                "/auth/register",
                json: ["tenant": "acme", "username": "root", "password": "x"]
            )
            #expect(again.status == 409)
            #expect(again.errorCode == "DATABASE_TENANT_EXISTS")
        }
    }

    @Test func missingForgedAndExpiredTokensAre401() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let missing = try await server.send(.get, "/api/describe")
            #expect(missing.status == 401)
            #expect(missing.errorCode == "AUTH_TOKEN_REQUIRED")
            var parts = token.split(separator: ".").map(String.init)
            parts[2] = String(parts[2].reversed())
            let forged = try await server.send(.get, "/api/describe", token: parts.joined(separator: "."))
            #expect(forged.status == 401)
            #expect(forged.errorCode == "AUTH_TOKEN_INVALID")
            let expired = TestTokens.sign(
                ["sub": "x", "user_id": "x", "tenant_id": "x", "exp": 1_000],
                secret: "test-secret"
            )
            let old = try await server.send(.get, "/api/describe", token: expired)
            #expect(old.status == 401)
            #expect(old.errorCode == "AUTH_TOKEN_EXPIRED")
            let otherSecret = TestTokens.sign(
                ["sub": "x", "user_id": "x", "tenant_id": "x", "exp": 4_000_000_000],
                secret: "another-secret"
            )
            let wrong = try await server.send(.get, "/api/describe", token: otherSecret)
            #expect(wrong.errorCode == "AUTH_TOKEN_INVALID")
        }
    }

    @Test func sudoTokenIsGrantedToRootOnly() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let sudo = try await server.send(.post, "/api/user/sudo", json: ["reason": "migrate"], token: token)
            #expect(sudo.status == 200)
            #expect(sudo.data["expires_in"] == 900)
            #expect(sudo.data["is_sudo"] == true)
        }
    }
}
