import HTTPTypes
import MonkCore
import Testing

/// `POST /api/sync/:model/checksum` segments cut while SQLite steps, checked against a cut made here from the
/// records `find` returns.
@Suite struct SyncSegmentTests {
    @Test(arguments: [1, 2, 3, 4, 5, 6, 1024])
    func segmentsMatchACutOfTheRecords(segments: Int) async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let found = try await server.send(.post, "/api/find/account", json: ["order": ["id asc"]], token: token)
            let rows = (found.data.arrayValue ?? []).compactMap { record -> (String, RecordHash)? in
                guard case .object(let object) = record, let id = object["id"]?.stringValue else { return nil }
                return (
                    id, RecordHash(hashing: JSONValue.object(FieldSelection.default.apply(to: object)).canonicalBytes)
                )
            }
            #expect(rows.count == 5)
            for (from, to) in [(nil, nil), (rows[0].0, nil), (nil, rows[3].0), (rows[1].0, rows[3].0)]
                as [(String?, String?)]
            {
                let inRange = rows.filter { row in
                    (from.map { row.0 > $0 } ?? true) && (to.map { row.0 <= $0 } ?? true)
                }
                let body: JSONObject = [
                    "ranges": [["from": from.map(JSONValue.string) ?? .null, "to": to.map(JSONValue.string) ?? .null]],
                    "segments": .number(JSONNumber(segments)),
                ]
                let reply = try await server.send(
                    .post,
                    "/api/sync/account/checksum",
                    json: .object(body),
                    token: token
                )
                #expect(reply.status == 200, "\(reply.text)")
                let range = try #require(reply.data["ranges"]?[0])
                #expect(range["count"] == .number(JSONNumber(inRange.count)))
                #expect(range["digest"] == .string(SegmentDigest(inRange.map(\.1)).hex))
                let parts = max(1, min(segments, inRange.count))
                let answered = range["segments"]?.arrayValue ?? []
                #expect(answered.count == parts)
                var start = 0
                var lower = from
                for (part, segment) in answered.enumerated() {
                    let size = inRange.count / parts + (part < inRange.count % parts ? 1 : 0)
                    let slice = inRange[start..<start + size]
                    let upper = part == parts - 1 ? to : slice.last?.0
                    #expect(segment["from"] == (lower.map(JSONValue.string) ?? .null))
                    #expect(segment["to"] == (upper.map(JSONValue.string) ?? .null))
                    #expect(segment["count"] == .number(JSONNumber(size)))
                    #expect(segment["digest"] == .string(SegmentDigest(slice.map(\.1)).hex))
                    start += size
                    lower = upper
                }
                // The bytes written directly and the general encoder (`?unwrap` takes it) say the same.
                let unwrapped = try await server.send(
                    .post,
                    "/api/sync/account/checksum?unwrap",
                    json: .object(body),
                    token: token
                )
                #expect(unwrapped.json == reply.data)
            }
        }
    }
}
