import HTTPTypes
import MonkCore
import Testing

@Suite struct SyncTests {
    @Test func checksumDigestsEqualTheLocalComputation() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let found = try await server.send(.post, "/api/find/account", json: [:], token: token)
            let hashes = (found.data.arrayValue ?? []).compactMap { record -> RecordHash? in
                guard case .object(let object) = record else { return nil }
                return RecordHash(hashing: JSONValue.object(FieldSelection.default.apply(to: object)).canonicalBytes)
            }
            let checksum = try await server.send(
                .post,
                "/api/sync/account/checksum",
                json: ["segments": 2],
                token: token
            )
            #expect(checksum.status == 200, "\(checksum.text)")
            #expect(checksum.data["algorithm"] == "monk-sha256-128-sum-v1")
            let range = try #require(checksum.data["ranges"]?[0])
            #expect(range["count"] == 5)
            #expect(range["digest"] == .string(SegmentDigest(hashes).hex))
            let segments = range["segments"]?.arrayValue ?? []
            #expect(segments.count == 2)
            #expect(segments[0]["count"] == 3)
            #expect(segments[0]["to"] == "10000000-0000-4000-8000-000000000003")
            #expect(segments[1]["from"] == "10000000-0000-4000-8000-000000000003")
            let ignoring = try await server.send(
                .post,
                "/api/sync/account/checksum",
                json: ["ignore_fields": ["balance"], "where": ["is_active": true]],
                token: token
            )
            #expect(ignoring.data["ranges"]?[0]?["count"] == 4)
            let bad = try await server.send(.post, "/api/sync/account/checksum", json: ["segments": 0], token: token)
            #expect(bad.errorCode == "SYNC_INVALID_REQUEST")
        }
    }

    @Test func hashesStreamInIdOrder() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let reply = try await server.send(
                .post,
                "/api/sync/contact/hashes",
                json: ["from": "20000000-0000-4000-8000-000000000002", "limit": 3],
                token: token
            )
            #expect(reply.headers[.contentType] == "application/x-ndjson")
            let ids = reply.text.split(separator: "\n").compactMap {
                try? JSONParser.parse(String($0))["id"]?.stringValue
            }
            #expect(
                ids == [
                    "20000000-0000-4000-8000-000000000003", "20000000-0000-4000-8000-000000000004",
                    "20000000-0000-4000-8000-000000000005",
                ]
            )
        }
    }
}
