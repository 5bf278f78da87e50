import HTTPTypes
import MonkCore
import MonkServer
import Testing

@Suite struct BulkTests {
    static let john = "10000000-0000-4000-8000-000000000001"

    func count(_ server: TestServer, _ token: String, model: String = "account") async throws -> Int {
        try await server.send(.get, "/api/data/\(model)", token: token).data.arrayValue?.count ?? -1
    }

    @Test func refsAndDependenciesRunInOrder() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let body = try JSONParser.parse(
                #"""
                {"operations": [
                  {"op_id": "note", "operation": "create-one", "model": "contact", "depends_on": ["acct"],
                   "data": {"name": "Agent", "email": "agent@x.test", "notes": "for $ref:acct.result.id"}},
                  {"op_id": "acct", "operation": "create-one", "model": "account",
                   "data": {"name": "Eve", "email": "eve@x.test", "username": "eve", "account_type": "trial"}},
                  {"operation": "count", "model": "contact"}
                ]}
                """#
            )
            let reply = try await server.send(.post, "/api/bulk", json: body, token: token)
            #expect(reply.status == 200, "\(reply.text)")
            let account = try #require(reply.data[1]?["result"]?["id"]?.stringValue)
            #expect(reply.data[0]?["result"]?["notes"] == .string("for \(account)"))
            #expect(reply.data[2]?["result"] == 7)
            #expect(reply.data[0]?["status"] == "completed")
        }
    }

    @Test func atomicBulkRollsBackEverything() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let reply = try await server.send(
                .post,
                "/api/bulk",
                json: [
                    "operations": [
                        [
                            "operation": "create-one", "model": "account",
                            "data": ["name": "Good", "email": "g@x.test", "username": "good"],
                        ],
                        [
                            "operation": "update-one", "model": "account", "id": .string(BulkTests.john),
                            "expect_hash": "00000000000000000000000000000000", "data": ["balance": 1],
                        ],
                    ]
                ],
                token: token
            )
            #expect(reply.status == 409)
            #expect(reply.errorCode == "RECORD_CHANGED")
            #expect(reply.data["operation_index"] == 1)
            #expect(try await count(server, token) == 5)
        }
    }

    @Test func expectHashMatchesTheSyncHash() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let hashes = try await server.send(
                .post,
                "/api/sync/account/hashes",
                json: ["to": .string(BulkTests.john)],
                token: token
            )
            let line = try JSONParser.parse(String(hashes.text.split(separator: "\n")[0]))
            let hash = try #require(line["hash"]?.stringValue)
            let ok = try await server.send(
                .post,
                "/api/bulk",
                json: [
                    "operations": [
                        [
                            "operation": "update-one", "model": "account", "id": .string(BulkTests.john),
                            "expect_hash": .string(hash), "data": ["balance": 7],
                        ]
                    ]
                ],
                token: token
            )
            #expect(ok.status == 200, "\(ok.text)")
            let exists = try await server.send(
                .post,
                "/api/bulk",
                json: [
                    "operations": [
                        [
                            "operation": "create-one", "model": "account", "expect_hash": nil,
                            "data": [
                                "id": .string(BulkTests.john), "name": "Dup", "email": "d@x.test", "username": "dup",
                            ],
                        ]
                    ]
                ],
                token: token
            )
            #expect(exists.status == 409)
            #expect(exists.errorCode == "RECORD_EXISTS")
        }
    }

    @Test func nonAtomicContinueOnErrorKeepsTheRest() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let reply = try await server.send(
                .post,
                "/api/bulk",
                json: [
                    "operations": [
                        [
                            "op_id": "bad", "operation": "update-one", "model": "account",
                            "id": "10000000-0000-4000-8000-0000000000ff", "data": ["balance": 1],
                        ],
                        ["operation": "delete-one", "model": "account", "id": "$ref:bad.result.id"],
                        [
                            "operation": "create-one", "model": "account",
                            "data": ["name": "Kept", "email": "k@x.test", "username": "kept"],
                        ],
                    ],
                    "options": ["atomic": false, "continueOnError": true],
                ],
                token: token
            )
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.data[0]?["status"] == "failed")
            #expect(reply.data[0]?["error_code"] == "RECORD_NOT_FOUND")
            #expect(reply.data[1]?["status"] == "skipped")
            #expect(reply.data[1]?["reason"] == "dependency failed")
            #expect(reply.data[2]?["status"] == "completed")
            #expect(try await count(server, token) == 6)
        }
    }

    @Test func dryRunReportsButWritesNothing() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let reply = try await server.send(
                .post,
                "/api/bulk",
                json: [
                    "operations": [
                        ["operation": "delete-any", "model": "account", "filter": ["where": ["is_active": true]]]
                    ],
                    "options": ["dry_run": true],
                ],
                token: token
            )
            #expect(reply.data[0]?["result"]?.arrayValue?.count == 4)
            #expect(try await count(server, token) == 5)
        }
    }

    @Test func requestLevelErrors() async throws {
        try await TestServer.run(configure: { $0.maxBulkOperations = 2 }) { server in
            let token = try await server.register(tenant: "acme")
            let cases: [(JSONValue, Int, String)] = [
                ([1], 400, "BODY_NOT_OBJECT"),
                (["ops": []], 400, "BODY_MISSING_FIELD"),
                (["operations": [["operation": "create-one"]]], 400, "OPERATION_MISSING_FIELDS"),
                (["operations": [["operation": "select-max", "model": "account"]]], 422, "OPERATION_UNSUPPORTED"),
                (
                    [
                        "operations": [
                            ["op_id": "a", "operation": "count", "model": "account"],
                            ["op_id": "a", "operation": "count", "model": "account"],
                        ]
                    ], 400, "OPERATION_DUPLICATE_ID"
                ),
                (
                    ["operations": [["operation": "count", "model": "account", "depends_on": ["zz"]]]], 400,
                    "OPERATION_UNKNOWN_DEPENDENCY"
                ),
                (
                    [
                        "operations": [
                            ["op_id": "a", "operation": "count", "model": "account", "depends_on": ["b"]],
                            ["op_id": "b", "operation": "count", "model": "account", "depends_on": ["a"]],
                        ]
                    ], 400, "OPERATION_CIRCULAR_DEPENDENCY"
                ),
                (
                    [
                        "operations": [
                            ["operation": "count", "model": "account"], ["operation": "count", "model": "account"],
                            ["operation": "count", "model": "account"],
                        ]
                    ], 413, "REQUEST_TOO_LARGE"
                ),
                (["operations": [], "options": ["atomically": true]], 400, "OPERATION_INVALID_OPTIONS"),
                (
                    ["operations": [["operation": "update-one", "model": "account", "data": [:]]]], 400,
                    "OPERATION_MISSING_ID"
                ),
            ]
            for (body, status, code) in cases {
                let reply = try await server.send(.post, "/api/bulk", json: body, token: token)
                #expect(reply.status == status, "\(code)")
                #expect(reply.errorCode == code)
            }
        }
    }
}
