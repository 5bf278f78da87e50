import HTTPTypes
import MonkCore
import MonkServer
import Testing

@Suite struct DemoTests {
    @Test func demoAndStagingDifferByAnInsertAnUpdateAndADelete() async throws {
        try await TestServer.run { server in
            var configuration = ServerConfiguration()
            configuration.dataDirectory = server.dataDirectory
            configuration.jwtSecret = "test-secret"
            configuration.bcryptCost = 4
            let credentials = try await provisionDemo(configuration: configuration, password: "pw")
            #expect(credentials.map(\.tenant) == ["demo", "staging"])
            let demo = credentials[0].token
            let staging = credentials[1].token
            let demoAccounts = try await server.send(.get, "/api/data/account", token: demo)
            let stagingAccounts = try await server.send(.get, "/api/data/account", token: staging)
            #expect(demoAccounts.data.arrayValue?.count == 5)
            let stagingIDs = stagingAccounts.data.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            #expect(stagingIDs.count == 5)
            #expect(
                !stagingIDs.contains("10000000-0000-4000-8000-000000000005"),
                "staging lacks one of demo's accounts"
            )
            #expect(stagingIDs.contains("10000000-0000-4000-8000-000000000006"), "staging has one demo lacks")
            #expect(demoAccounts.data[1]?["balance"] != stagingAccounts.data[1]?["balance"])
            let demoContacts = try await server.send(.get, "/api/data/contact", token: demo)
            let stagingContacts = try await server.send(.get, "/api/data/contact", token: staging)
            #expect(demoContacts.data.arrayValue?.count == 6)
            #expect(stagingContacts.data.arrayValue?.count == 5)
            let tasks = try await server.send(.get, "/api/data/task", token: demo)
            #expect(tasks.data.arrayValue?.count == 4)
            let login = try await server.send(
                .post,
                "/auth/login",
                json: ["tenant": "staging", "username": "root", "password": "pw"]
            )
            #expect(login.status == 200)
            let again = try await provisionDemo(configuration: configuration, password: "pw2")
            #expect(again.count == 2)
            let relogin = try await server.send(
                .post,
                "/auth/login",
                json: ["tenant": "demo", "username": "root", "password": "pw2"]
            )
            #expect(relogin.status == 200)
        }
    }
}
