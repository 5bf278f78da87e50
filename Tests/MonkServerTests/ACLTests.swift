import HTTPTypes
import MonkCore
import Testing

@Suite struct ACLTests {
    static let john = "10000000-0000-4000-8000-000000000001"

    @Test func explicitACLsHideRecordsFromOtherUsers() async throws {
        try await TestServer.run { server in
            let root = try await server.register(tenant: "acme")
            let reader = try await server.send(
                .post,
                "/api/user",
                json: ["name": "Reader", "auth": "reader", "access": "edit", "password": "pw"],
                token: root
            )
            let readerID = try #require(reader.data["id"]?.stringValue)
            let login = try await server.send(
                .post,
                "/auth/login",
                json: ["tenant": "acme", "username": "reader", "password": "pw"]
            )
            let token = try #require(login.data["token"]?.stringValue)
            let denied = try await server.send(
                .put,
                "/api/acls/account/\(ACLTests.john)",
                json: ["access_lists": ["access_deny": .array([.string(readerID)])]],
                token: root
            )
            #expect(denied.data["access_lists"]?["access_deny"] == .array([.string(readerID)]))
            let hidden = try await server.send(.get, "/api/data/account/\(ACLTests.john)", token: token)
            #expect(hidden.errorCode == "RECORD_NOT_FOUND")
            let list = try await server.send(.get, "/api/data/account", token: token)
            #expect(list.data.arrayValue?.count == 4)
            let notSudo = try await server.send(.delete, "/api/acls/account/\(ACLTests.john)", token: token)
            #expect(notSudo.errorCode == "SUDO_REQUIRED")
            let bulk = try await server.send(
                .post,
                "/api/bulk",
                json: [
                    "operations": [
                        [
                            "operation": "access-one", "model": "account", "id": .string(ACLTests.john),
                            "data": ["access_deny": []],
                        ]
                    ]
                ],
                token: root
            )
            #expect(bulk.status == 200)
            let visible = try await server.send(.get, "/api/data/account/\(ACLTests.john)?access=true", token: token)
            #expect(visible.status == 200)
            #expect(visible.data["access_deny"] == [])
        }
    }

    @Test func patchWithWhereUpdatesEveryMatch() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let reply = try await server.send(
                .patch,
                "/api/data/contact?where=%7B%22status%22:%22prospect%22%7D",
                json: ["status": "active"],
                token: token
            )
            #expect(reply.data.arrayValue?.count == 2)
            let aggregate = try await server.send(
                .post,
                "/api/bulk",
                json: [
                    "operations": [
                        [
                            "operation": "aggregate", "model": "contact", "aggregate": ["n": ["$count": "*"]],
                            "groupBy": "status",
                        ]
                    ]
                ],
                token: token
            )
            #expect(aggregate.data[0]?["result"] == [["n": 5, "status": "active"], ["n": 1, "status": "inactive"]])
        }
    }
}
