import HTTPTypes
import MonkCore
import Testing

@Suite struct AccessTests {
    @Test func tenantsAreIsolated() async throws {
        try await TestServer.run { server in
            let acme = try await server.register(tenant: "acme")
            let globex = try await server.register(tenant: "globex")
            _ = try await server.send(
                .post,
                "/api/data/account",
                json: [["name": "Only Acme", "email": "a@acme.test", "username": "onlyacme"]],
                token: acme
            )
            let acmeRows = try await server.send(.get, "/api/data/account", token: acme)
            let globexRows = try await server.send(.get, "/api/data/account", token: globex)
            #expect(acmeRows.data.arrayValue?.count == 6)
            #expect(globexRows.data.arrayValue?.count == 5)
        }
    }

    @Test func readOnlyUsersCannotWrite() async throws {
        try await TestServer.run { server in
            let root = try await server.register(tenant: "acme")
            let created = try await server.send(
                .post,
                "/api/user",
                json: ["name": "Reader", "auth": "reader", "access": "read", "password": "pw"],
                token: root
            )
            #expect(created.status == 200, "\(created.text)")
            let login = try await server.send(
                .post,
                "/auth/login",
                json: ["tenant": "acme", "username": "reader", "password": "pw"]
            )
            let reader = try #require(login.data["token"]?.stringValue)
            let read = try await server.send(.get, "/api/data/account", token: reader)
            #expect(read.status == 200)
            let write = try await server.send(
                .post,
                "/api/data/account",
                json: [["name": "Nope", "email": "n@x.test", "username": "nope"]],
                token: reader
            )
            #expect(write.status == 403)
            #expect(write.errorCode == "PERMISSION_DENIED")
            let describe = try await server.send(.post, "/api/describe/thing", json: [:], token: reader)
            #expect(describe.errorCode == "SUDO_REQUIRED")
            let sudo = try await server.send(.post, "/api/user/sudo", token: reader)
            #expect(sudo.errorCode == "AUTH_SUDO_ACCESS_DENIED")
            let users = try await server.send(.get, "/api/data/users", token: reader)
            #expect(users.errorCode == "SUDO_REQUIRED")
            let userID = try #require(created.data["id"]?.stringValue)
            _ = try await server.send(.delete, "/api/user/\(userID)", token: root)
            let gone = try await server.send(.get, "/api/data/account", token: reader)
            #expect(gone.status == 401)
            #expect(gone.errorCode == "USER_NOT_FOUND")
        }
    }
}
