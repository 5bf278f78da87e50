import HTTPTypes
import MonkCore
import Testing

@Suite struct FindTests {
    func names(_ reply: TestServer.Reply) -> [String] {
        reply.data.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    }

    @Test func whereOrderAndCount() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let reply = try await server.send(
                .post,
                "/api/find/account",
                json: [
                    "where": ["$or": [["balance": ["$gte": 2500]], ["is_active": false]]],
                    "order": ["balance desc"], "select": ["name"], "count": true, "limit": 2,
                ],
                token: token
            )
            #expect(reply.status == 200)
            #expect(names(reply) == ["Jane Doe", "Alice Wilson"])
            #expect(reply.json["total"] == 3)
        }
    }

    static let operatorCases: [(String, [String])] = [
        (#"{"name": {"$ilike": "%JOHN%"}}"#, ["John Smith", "Bob Johnson"]),
        (#"{"name": {"$like": "J%"}}"#, ["John Smith", "Jane Doe"]),
        (#"{"name": {"$regex": "^[AB]"}}"#, ["Bob Johnson", "Alice Wilson"]),
        (#"{"balance": {"$between": [150, "1250.75"]}}"#, ["John Smith", "Charlie Brown"]),
        (#"{"credit_limit": null}"#, ["John Smith", "Bob Johnson", "Charlie Brown"]),
        (#"{"credit_limit": {"$ne": 5000}}"#, ["Jane Doe"]),
        (#"{"account_type": {"$in": ["trial", "premium"]}}"#, ["Bob Johnson", "Alice Wilson"]),
        (#"{"$not": {"is_active": true}}"#, ["Charlie Brown"]),
        (#"{"email": {"$find": "CORP"}}"#, ["Alice Wilson"]),
    ]

    @Test(arguments: operatorCases)
    func whereOperators(filter: String, expected: [String]) async throws {
        let parsed = try JSONParser.parse(filter)
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let reply = try await server.send(.post, "/api/find/account", json: ["where": parsed], token: token)
            #expect(reply.status == 200, "\(reply.text)")
            #expect(names(reply) == expected)
        }
    }

    /// Sync asks for thousands of ids at once; SQLite must not see thousands of bound variables or a
    /// thousand-deep `OR` chain.
    @Test func longInListsOfIdsAndNumbers() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let all = try await server.send(.post, "/api/find/account", json: ["select": ["id"]], token: token)
            let ids = all.data.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            #expect(ids.count == 5)
            let padding = (0..<3000).map { JSONValue.string("00000000-0000-4000-8000-\(100_000_000_000 + $0)") }
            let byId = try await server.send(
                .post,
                "/api/find/account",
                json: ["where": ["id": ["$in": .array(padding + ids.prefix(2).map(JSONValue.string))]]],
                token: token
            )
            #expect(byId.status == 200, "\(byId.text)")
            #expect(byId.data.arrayValue?.count == 2)
            let numbers = (0..<3000).map { JSONValue.number(JSONNumber(100_000 + $0)) }
            let balance = try JSONParser.parse("1250.75")
            let exact = try await server.send(
                .post,
                "/api/find/account",
                json: ["where": ["balance": balance]],
                token: token
            )
            let byNumber = try await server.send(
                .post,
                "/api/find/account",
                json: ["where": ["balance": ["$in": .array(numbers + [balance])]]],
                token: token
            )
            #expect(byNumber.status == 200, "\(byNumber.text)")
            #expect(exact.data.arrayValue?.count ?? 0 > 0, "\(exact.text)")
            #expect(byNumber.data.arrayValue?.count == exact.data.arrayValue?.count)
        }
    }

    @Test func afterPagesByIdAndRejectsOtherOrders() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            var after: String?
            var seen: [String] = []
            repeat {
                var body: JSONObject = ["limit": 2, "select": ["id"]]
                if let after { body["after"] = .string(after) }
                let page = try await server.send(.post, "/api/find/account", json: .object(body), token: token)
                let ids = page.data.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
                seen += ids
                after = ids.count == 2 ? ids.last : nil
            } while after != nil
            #expect(seen.count == 5)
            #expect(seen == seen.sorted())
            let bad = try await server.send(
                .post,
                "/api/find/account",
                json: ["after": "10000000-0000-4000-8000-000000000001", "order": "name"],
                token: token
            )
            #expect(bad.errorCode == "FILTER_INVALID_AFTER")
        }
    }

    static let errorCases: [(String, String)] = [
        (#"{"where": {"nope": 1}}"#, "FILTER_INVALID_FIELD_NAME"),
        (#"{"where": {"name": {"$wat": 1}}}"#, "FILTER_UNSUPPORTED_OPERATOR"),
        (#"{"where": {"$or": []}}"#, "FILTER_EMPTY_LOGICAL_ARRAY"),
        (#"{"order": ["name sideways"]}"#, "FILTER_INVALID_SORT_DIRECTION"),
        (#"{"limit": -1}"#, "FILTER_INVALID_LIMIT"),
        (#"{"colour": 1}"#, "BAD_REQUEST"),
        (#"{"where": 3}"#, "FILTER_INVALID_WHERE_TYPE"),
    ]

    @Test(arguments: errorCases)
    func filterErrors(body text: String, code: String) async throws {
        let body = try JSONParser.parse(text)
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let reply = try await server.send(.post, "/api/find/account", json: body, token: token)
            #expect(reply.status == 400)
            #expect(reply.errorCode == code)
        }
    }
}

@Suite struct SavedFilterTests {
    @Test func savedFiltersRunByName() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let saved = try await server.send(
                .post,
                "/api/data/filters",
                json: [
                    ["name": "rich", "model_name": "account", "where": ["balance": ["$gte": 2500]], "order": ["name"]]
                ],
                token: token
            )
            #expect(saved.status == 200, "\(saved.text)")
            let reply = try await server.send(.get, "/api/find/account/rich", token: token)
            #expect(reply.data.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Alice Wilson", "Jane Doe"])
            let missing = try await server.send(.get, "/api/find/account/poor", token: token)
            #expect(missing.errorCode == "FILTER_NOT_FOUND")
            let fields = try await server.send(
                .put,
                "/api/describe/account/fields",
                json: [["field_name": "phone", "description": "Phone number"]],
                token: token
            )
            #expect(fields.data[0]?["description"] == "Phone number")
        }
    }
}
