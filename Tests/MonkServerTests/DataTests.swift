import HTTPTypes
import MonkCore
import Testing

@Suite struct DataTests {
    static let john = "10000000-0000-4000-8000-000000000001"

    @Test func testingFixtureHasTheClassicRows() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let accounts = try await server.send(.get, "/api/data/account", token: token)
            #expect(accounts.status == 200)
            #expect(accounts.data.arrayValue?.count == 5)
            let first = try #require(accounts.data[0])
            #expect(first["id"] == .string(DataTests.john))
            #expect(first["balance"] == .number(JSONNumber("1250.75")!))
            #expect(first.objectValue?.member("created_at") == nil)
            let contacts = try await server.send(.get, "/api/data/contact?stat=true", token: token)
            #expect(contacts.data.arrayValue?.count == 6)
            #expect(contacts.data[0]?["created_at"] == "2025-01-01T00:00:00.000Z")
        }
    }

    @Test func createReadUpdateDeleteOneRecord() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let created = try await server.send(
                .post,
                "/api/data/account",
                json: [["name": "Ada", "email": "ada@x.test", "username": "ada", "balance": "12.50"]],
                token: token
            )
            #expect(created.status == 200)
            let record = try #require(created.data[0])
            #expect(record["account_type"] == "personal")
            #expect(record["is_active"] == true)
            #expect(record["balance"] == .number(JSONNumber("12.5")!))
            let id = try #require(record["id"]?.stringValue)
            let updated = try await server.send(.put, "/api/data/account/\(id)", json: ["balance": 99], token: token)
            #expect(updated.data["balance"] == 99)
            #expect(updated.data["name"] == "Ada")
            let fetched = try await server.send(.get, "/api/data/account/\(id)?select=name", token: token)
            #expect(fetched.json == "Ada")
            let deleted = try await server.send(.delete, "/api/data/account/\(id)", token: token)
            #expect(deleted.status == 200)
            let gone = try await server.send(.get, "/api/data/account/\(id)", token: token)
            #expect(gone.status == 404)
            #expect(gone.errorCode == "RECORD_NOT_FOUND")
            let trashed = try await server.send(.put, "/api/data/account/\(id)", json: ["balance": 1], token: token)
            #expect(trashed.status == 422)
            #expect(trashed.errorCode == "SOFT_DELETE_PROTECTION")
        }
    }

    @Test func validationFailsTheWholeRequest() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let reply = try await server.send(
                .post,
                "/api/data/account",
                json: [
                    ["name": "Ok Name", "email": "ok@x.test", "username": "okay"],
                    ["name": "X", "email": "x@x.test", "username": "xx", "color": "red"],
                ],
                token: token
            )
            #expect(reply.status == 422)
            #expect(reply.errorCode == "DATA_VALIDATION_FAILED")
            let errors = reply.data["validation_errors"]?.arrayValue ?? []
            #expect(errors.contains { $0["code"] == "UNKNOWN_FIELD" && $0["record_index"] == 1 })
            let count = try await server.send(.get, "/api/data/account", token: token)
            #expect(count.data.arrayValue?.count == 5)
        }
    }

    @Test func errorsUseTheCatalogue() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let unknown = try await server.send(.get, "/api/data/nothing", token: token)
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "MODEL_NOT_FOUND")
            let notArray = try await server.send(.post, "/api/data/account", json: ["name": "x"], token: token)
            #expect(notArray.errorCode == "BODY_NOT_ARRAY")
            let badJSON = try await server.send(.post, "/api/data/account", raw: "[{", token: token)
            #expect(badJSON.errorCode == "INVALID_REQUEST_BODY")
            let duplicate = try await server.send(
                .post,
                "/api/data/account",
                json: [["id": .string(DataTests.john), "name": "Dup", "email": "d@x.test", "username": "dup"]],
                token: token
            )
            #expect(duplicate.status == 409)
            #expect(duplicate.errorCode == "RECORD_EXISTS")
        }
    }

    @Test func upsertCreatesUnknownIdsAndUpdatesKnownOnes() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let fresh = "10000000-0000-4000-8000-0000000000aa"
            let reply = try await server.send(
                .post,
                "/api/data/account?upsert=true&return=count",
                json: [
                    ["id": .string(DataTests.john), "balance": 1],
                    ["id": .string(fresh), "name": "New One", "email": "n@x.test", "username": "newone"],
                ],
                token: token
            )
            #expect(reply.data == ["created": 1, "updated": 1])
        }
    }

    @Test func jsonlStreamsBothWays() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let lines = """
                {"id":"f0000000-0000-4000-8000-000000000001","name":"Line One","email":"l1@x.test","username":"line1"}

                {"id":"f0000000-0000-4000-8000-000000000002","name":"Line Two","email":"l2@x.test","username":"line2"}\r
                """
            let created = try await server.send(
                .post,
                "/api/data/account",
                raw: lines,
                token: token,
                headers: [.contentType: "application/x-ndjson"]
            )
            #expect(created.status == 200)
            #expect(created.data.arrayValue?.count == 2)
            let bad = try await server.send(
                .post,
                "/api/data/account",
                raw: "{\"name\":\"A\"}\n{oops",
                token: token,
                headers: [.contentType: "application/x-ndjson"]
            )
            #expect(bad.errorCode == "INVALID_REQUEST_BODY")
            #expect(bad.data["line"] == 2)
            let stream = try await server.send(
                .get,
                "/api/data/account?limit=3",
                token: token,
                headers: [.accept: "application/x-ndjson"]
            )
            #expect(stream.headers[.contentType] == "application/x-ndjson")
            let records = stream.text.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }
            #expect(records.count == 3)
            #expect(records.first?["created_at"] != nil)
            // Explicit ids above sort after the fixture's, so the first streamed line is always John (a random v4
            // id would sort first one time in sixteen).
            #expect(records.first?["id"] == .string(DataTests.john))
        }
    }
}
