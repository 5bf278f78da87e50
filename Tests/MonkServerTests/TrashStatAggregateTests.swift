import HTTPTypes
import MonkCore
import MonkServer
import Testing

@Suite struct TrashStatAggregateTests {
    static let bob = "10000000-0000-4000-8000-000000000003"

    @Test func trashRestoreAndPurge() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let bob = TrashStatAggregateTests.bob
            _ = try await server.send(.delete, "/api/data/account/\(bob)", token: token)
            let trashed = try await server.send(.get, "/api/trashed/account", token: token)
            #expect(trashed.data.arrayValue?.count == 1)
            #expect(trashed.data[0]?["trashed_at"]?.stringValue != nil)
            let all = try await server.send(.get, "/api/trashed", token: token)
            #expect(all.data["account"]?.arrayValue?.count == 1)
            let stat = try await server.send(.get, "/api/stat/account/\(bob)", token: token)
            #expect(stat.data["trashed_at"]?.stringValue != nil)
            #expect(stat.data["etag"]?.stringValue?.count == 32)
            let restored = try await server.send(.post, "/api/trashed/account/\(bob)", token: token)
            #expect(restored.status == 200)
            let live = try await server.send(.post, "/api/trashed/account/\(bob)", token: token)
            #expect(live.errorCode == "CANNOT_REVERT_NON_TRASHED")
            _ = try await server.send(.delete, "/api/data/account/\(bob)", token: token)
            let purged = try await server.send(.delete, "/api/trashed/account/\(bob)", token: token)
            #expect(purged.data["deleted_at"]?.stringValue != nil)
            let recreated = try await server.send(
                .post,
                "/api/data/account",
                json: [["id": .string(bob), "name": "Bob Again", "email": "b@x.test", "username": "bobagain"]],
                token: token
            )
            #expect(recreated.status == 200)
        }
    }

    @Test func aggregatesAreExact() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let query = try await server.send(
                .get,
                #"/api/aggregate/account?count&sum=balance&where=%7B%22is_active%22:true%7D"#,
                token: token
            )
            #expect(query.status == 200, "\(query.text)")
            #expect(query.data[0]?["count"] == 4)
            #expect(query.data[0]?["sum"] == .number(JSONNumber("8751")!))
            let grouped = try await server.send(
                .post,
                "/api/aggregate/account",
                json: [
                    "aggregate": ["n": ["$count": "*"], "total": ["$sum": "balance"], "top": ["$max": "balance"]],
                    "groupBy": ["account_type"],
                ],
                token: token
            )
            let rows = grouped.data.arrayValue ?? []
            #expect(rows.map { $0["account_type"]?.stringValue ?? "" } == ["business", "personal", "premium", "trial"])
            #expect(rows[1]["total"] == .number(JSONNumber("1400.75")!))
            let missing = try await server.send(.post, "/api/aggregate/account", json: [:], token: token)
            #expect(missing.errorCode == "MISSING_AGGREGATION")
        }
    }

    @Test func relationshipRoutesFollowOwnedFields() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme", template: "demo")
            let project = "30000000-0000-4000-8000-000000000001"
            let tasks = try await server.send(.get, "/api/data/project/\(project)/tasks", token: token)
            #expect(tasks.data.arrayValue?.count == 2)
            let created = try await server.send(
                .post,
                "/api/data/project/\(project)/tasks",
                json: ["title": "Launch"],
                token: token
            )
            #expect(created.data["project_id"] == .string(project))
            let unknown = try await server.send(.get, "/api/data/project/\(project)/nope", token: token)
            #expect(unknown.errorCode == "RELATIONSHIP_NOT_FOUND")
            _ = try await server.send(.delete, "/api/data/project/\(project)", token: token)
            let left = try await server.send(.get, "/api/data/task", token: token)
            #expect(left.data.arrayValue?.count == 2)
        }
    }

    @Test func bodyLimitAnswers413() async throws {
        try await TestServer.run(configure: { $0.maxBodyBytes = 160 }) { server in
            let token = try await server.register(tenant: "acme")
            let big = String(repeating: "x", count: 200)
            let reply = try await server.send(
                .post,
                "/api/data/account",
                json: [["name": .string(big), "email": "e@x.test", "username": "big"]],
                token: token
            )
            #expect(reply.status == 413)
            #expect(reply.errorCode == "REQUEST_TOO_LARGE")
        }
    }
}
