import MonkCore
import Testing

private let a = "10000000-0000-4000-8000-000000000000"
private let b = "20000000-0000-4000-8000-000000000000"
private let c = "30000000-0000-4000-8000-000000000000"

/// A sync body that is rejected, and its code.
struct RejectedSyncRow: Sendable, CustomTestStringConvertible {
    let body: JSONValue
    let code: String
    init(_ body: JSONValue, _ code: String) { (self.body, self.code) = (body, code) }
    var testDescription: String { "\(body) → \(code)" }
}

@Suite struct SyncFilterTests {
    @Test func parsesTheDocumentedChecksumBody() throws {
        let request = try SyncChecksumRequest(
            body: [
                "where": ["is_active": true], "ignore_fields": ["updated_at"],
                "ranges": [["from": nil, "to": .string(b)], ["from": .string(b), "to": nil]], "segments": 4,
            ]
        )
        #expect(request.filter.filter == .field("is_active", .compare(.equal, true)))
        #expect(request.filter.ignoreFields == ["updated_at"])
        #expect(request.filter.fields == nil)
        #expect(request.ranges == [SyncRange(to: b), SyncRange(from: b)])
        #expect(request.segments == 4)
        let defaults = try SyncChecksumRequest(body: [:])
        #expect(defaults.ranges == [SyncRange()])
        #expect(defaults.segments == 1)
        #expect(defaults.filter.trashed == .exclude)
    }

    static let rejected: [RejectedSyncRow] = [
        .init(["segments": 0], "SYNC_INVALID_REQUEST"),
        .init(["segments": 1025], "SYNC_INVALID_REQUEST"),
        .init(["ranges": []], "SYNC_INVALID_REQUEST"),
        .init(["ranges": [["from": .string(b), "to": .string(a)]]], "SYNC_INVALID_REQUEST"),
        .init(["ranges": [["from": .string(a), "to": .string(a)]]], "SYNC_INVALID_REQUEST"),
        .init(["ranges": [["from": "x", "to": nil]]], "SYNC_INVALID_REQUEST"),
        .init(
            ["ranges": [["from": nil, "to": .string(b)], ["from": .string(a), "to": .string(c)]]],
            "SYNC_INVALID_REQUEST"
        ),
        .init(["ranges": [["from": nil, "to": nil], ["from": nil, "to": .string(a)]]], "SYNC_INVALID_REQUEST"),
        .init(["fields": "name"], "SYNC_INVALID_REQUEST"),
        .init(["ignore_fields": ["a-b"]], "SYNC_INVALID_REQUEST"),
        .init(["select": ["id"]], "SYNC_INVALID_REQUEST"),
        .init(["trashed": "some"], "BAD_REQUEST"),
        .init(["where": ["a": ["$bad": 1]]], "FILTER_UNSUPPORTED_OPERATOR"),
    ]

    @Test(arguments: rejected)
    func checksumRejectsWithTheAPICode(row: RejectedSyncRow) {
        #expect {
            try SyncChecksumRequest(body: row.body)
        } throws: { error in
            (error as? QueryError)?.code.rawValue == row.code
        }
    }

    @Test func parsesHashesBodies() throws {
        let request = try SyncHashesRequest(
            body: ["from": .string(a.uppercased()), "limit": 100, "fields": ["name"], "trashed": "include"]
        )
        #expect(request.range == SyncRange(from: a))
        #expect(request.limit == 100)
        #expect(request.filter.fields == ["name"])
        #expect(request.filter.trashed == .include)
        #expect(throws: QueryError.self) { try SyncHashesRequest(body: ["ranges": []]) }
        #expect(throws: QueryError.self) { try SyncHashesRequest(body: ["limit": -1]) }
    }

    @Test func rangesAreHalfOpen() {
        let range = SyncRange(from: a, to: b)
        #expect(!range.contains(a))
        #expect(range.contains(b))
        #expect(range.contains("15000000-0000-4000-8000-000000000000"))
        #expect(!range.contains(c))
        #expect(SyncRange().contains(a))
    }
}
