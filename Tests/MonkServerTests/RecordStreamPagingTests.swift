import HTTPTypes
import MonkCore
import Testing

/// JSONL streams longer than one of the server's read pages (`RecordStream.pageSize`): every record once, in
/// id order, with `limit` and `offset` applied across page boundaries, and the next page read while one is
/// written.
@Suite struct RecordStreamPagingTests {
    /// Comfortably more than two pages.
    static let count = 4_500

    /// The streamed lines' ids for `query` (after `?`).
    static func streamedIDs(_ server: TestServer, token: String, query: String) async throws -> [String] {
        let stream = try await server.send(
            .get,
            "/api/data/ledger\(query)",
            token: token,
            headers: [.accept: "application/x-ndjson"]
        )
        #expect(stream.status == 200)
        #expect(stream.text.hasSuffix("\n"))
        return try stream.text.split(separator: "\n").map { line in
            let record = try JSONParser.parse(String(line))
            #expect(record["created_at"]?.stringValue != nil)
            return record["id"]?.stringValue ?? ""
        }
    }

    @Test func streamsCrossPagesWithoutLosingOrRepeatingRecords() async throws {
        try await TestServer.run { server in
            let token = try await BulkCreateFastPathTests.registerWithLedger(server, tenant: "pages")
            let records = (0..<Self.count).map(BulkCreatePrefetchTests.record).joined(separator: ",")
            let body = #"{"operations":[{"operation":"create-all","model":"ledger","data":[\#(records)]}]}"#
            let created = try await server.send(.post, "/api/bulk", raw: body, token: token)
            #expect(created.status == 200)

            let all = try await Self.streamedIDs(server, token: token, query: "")
            #expect(all.count == Self.count)
            #expect(all == all.sorted() && Set(all).count == all.count)
            #expect(try await Self.streamedIDs(server, token: token, query: "?limit=2500") == Array(all[..<2500]))
            #expect(
                try await Self.streamedIDs(server, token: token, query: "?offset=10&limit=4200")
                    == Array(all[10..<4210])
            )
        }
    }
}
