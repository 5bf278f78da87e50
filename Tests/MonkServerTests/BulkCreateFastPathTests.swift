import HTTPTypes
import MonkCore
import Synchronization
import Testing

/// `POST /api/bulk` creates whose records are kept as bytes (status-only, no `op_id`) against the same
/// request answered through the tree path (the same operation with an `op_id`, which keeps its records as
/// values): the same response apart from the `op_id`, and the same stored rows, in every mode.
@Suite struct BulkCreateFastPathTests {
    static let model: JSONValue = [
        "fields": [
            ["field_name": "name", "type": "text", "required": true],
            ["field_name": "email", "type": "text", "transform": "lowercase"],
            ["field_name": "balance", "type": "decimal"],
            ["field_name": "active", "type": "boolean"],
            ["field_name": "address", "type": "jsonb"],
            ["field_name": "code", "type": "uuid"],
        ]
    ]
    static let stamps = #""created_at":"2025-01-02T03:04:05.000Z","updated_at":"2025-02-03T04:05:06.000Z""#

    /// Records that take the byte path, the per-field path and the general path (ACL keys of a sudo writer,
    /// an escaped key), in one request.
    static let mixed = [
        #"{"id":"a0000000-0000-4000-8000-000000000001","name":"Ada","balance":12.5,\#(stamps)}"#,
        #"{ "balance": 1.50, "name": "Ren\u00e9", "id": "a0000000-0000-4000-8000-000000000002", \#(stamps),"#
            + #" "address": {"zip": "10115", "city": "M\u00fcnchen"}, "active": true }"#,
        #"{"id":"a0000000-0000-4000-8000-000000000003","name":"Bob","email":"BOB@X.TEST",\#(stamps)}"#,
        #"{"id":"a0000000-0000-4000-8000-000000000004","name":"Cy","access_read":[],\#(stamps)}"#,
        #"{"id":"A0000000-0000-4000-8000-000000000005","n\u0061me":"Di",\#(stamps)}"#,
        #"{"id":"a0000000-0000-4000-8000-000000000006","name":"Ed","code":"C0DE0000-0000-4000-8000-00000000000A",\#(stamps)}"#,
    ]
    /// A record without its required `name`.
    static let invalid = #"{"id":"a0000000-0000-4000-8000-000000000009","email":"x@y.z",\#(stamps)}"#

    @Test func mixedRecordsMatchTheTreePath() async throws {
        try await compare(operations: [.all(BulkCreateFastPathTests.mixed)], options: "")
    }

    @Test func aFailingRecordRollsBackTheAtomicRequest() async throws {
        let records = Array(BulkCreateFastPathTests.mixed.prefix(3)) + [BulkCreateFastPathTests.invalid]
        let (status, rows) = try await compare(operations: [.all(records)], options: "")
        #expect(status == 400 || status == 422)
        #expect(rows == 0)
    }

    @Test func nonAtomicRequestsKeepTheOperationsThatSucceed() async throws {
        let operations: [Operation] = [
            .all(Array(BulkCreateFastPathTests.mixed.prefix(2))), .all([BulkCreateFastPathTests.invalid]),
            .all(Array(BulkCreateFastPathTests.mixed.suffix(2))),
        ]
        let (status, rows) = try await compare(operations: operations, options: #","atomic":false"#)
        #expect(status == 200)
        #expect(rows == 2)
        let (kept, all) = try await compare(operations: operations, options: #","atomic":false,"continueOnError":true"#)
        #expect(kept == 200)
        #expect(all == 4)
    }

    @Test func dryRunsStoreNothing() async throws {
        let (status, rows) = try await compare(
            operations: [.all(BulkCreateFastPathTests.mixed)],
            options: #","dry_run":true"#
        )
        #expect(status == 200)
        #expect(rows == 0)
    }

    @Test func createOnesWithExpectHashNullRefuseTakenIDs() async throws {
        var operations = BulkCreateFastPathTests.mixed.map { Operation.one($0, expectsAbsent: true) }
        operations.append(.one(BulkCreateFastPathTests.mixed[0], expectsAbsent: true))
        let (status, rows) = try await compare(operations: operations, options: "")
        #expect(status == 409)
        #expect(rows == 0)
        let (plain, stored) = try await compare(
            operations: BulkCreateFastPathTests.mixed.map { Operation.one($0, expectsAbsent: false) },
            options: #","continueOnError":true"#
        )
        #expect(plain == 200)
        #expect(stored == BulkCreateFastPathTests.mixed.count)
    }

    /// Malformed records, found while creating (atomic) or before anything runs: the whole body's parse error,
    /// even when a request-level check fails as well.
    @Test(arguments: [
        #"{"name":"A","name":"B"}"#, #"{"name":tru}"#, #"{"name":"\#u{01}"}"#,
        #"{"address":"# + String(repeating: "[", count: 520) + String(repeating: "]", count: 520) + "}",
    ])
    func malformedRecordsGiveTheBodysParseError(record: String) async throws {
        let records = Array(BulkCreateFastPathTests.mixed.prefix(2)) + [record]
        for options in ["", #","atomic":false"#, #","bogus":1"#] {
            let (status, rows) = try await compare(operations: [.all(records)], options: options)
            #expect(status == 400)
            #expect(rows == 0)
        }
    }

    /// A bulk operation in raw JSON.
    enum Operation {
        case all([String])
        case one(String, expectsAbsent: Bool)

        /// The operation's JSON, with `extra` members (`,"op_id":…`) after its own.
        func text(_ extra: String) -> String {
            switch self {
            case .all(let records):
                #"{"operation":"create-all","model":"ledger","data":[\#(records.joined(separator: ","))]\#(extra)}"#
            case .one(let record, let expectsAbsent):
                #"{"operation":"create","model":"ledger","data":\#(record)"#
                    + (expectsAbsent ? #","expect_hash":null"# : "") + extra + "}"
            }
        }
    }

    /// Sends `operations` as a status-only request to one tenant as they are (records kept as bytes) and to
    /// another with an `op_id` on each (records as values), expects the same answer apart from `op_id` and
    /// the same stored rows; returns the status and the number of rows.
    @discardableResult
    func compare(operations: [Operation], options: String) async throws -> (Int, Int) {
        let outcome = Mutex((0, 0))
        try await TestServer.run { server in
            var replies: [TestServer.Reply] = []
            var rows: [JSONValue] = []
            for (tenant, tagged) in [("fast", false), ("tree", true)] {
                let token = try await Self.registerWithLedger(server, tenant: tenant)
                let texts = operations.enumerated().map { index, operation in
                    operation.text(tagged ? #","op_id":"op\#(index)""# : "")
                }
                let body =
                    #"{"operations":[\#(texts.joined(separator: ","))],"options":{"return":"status"\#(options)}}"#
                replies.append(try await server.send(.post, "/api/bulk", raw: body, token: token))
                let stored = try await server.send(.get, "/api/data/ledger", token: token)
                rows.append(stored.data)
            }
            #expect(replies[0].status == replies[1].status)
            #expect(
                BulkCreateFastPathTests.withoutOpIDs(replies[0].json)
                    == BulkCreateFastPathTests.withoutOpIDs(replies[1].json),
                "\(replies[0].text)\n\(replies[1].text)"
            )
            #expect(BulkCreateFastPathTests.byID(rows[0]) == BulkCreateFastPathTests.byID(rows[1]))
            let counted = (replies[0].status, rows[0].arrayValue?.count ?? -1)
            outcome.withLock { $0 = counted }
        }
        return outcome.withLock { $0 }
    }

    /// `value` without any `op_id` member, at any depth.
    /// Registers `tenant` and describes its `ledger` model (``model``); returns the root token.
    static func registerWithLedger(_ server: TestServer, tenant: String) async throws -> String {
        let token = try await server.register(tenant: tenant)
        let described = try await server.send(.post, "/api/describe/ledger", json: model, token: token)
        #expect(described.status == 200, "\(described.text)")
        return token
    }

    static func withoutOpIDs(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items): return .array(items.map(withoutOpIDs))
        case .object(let object):
            var copy = JSONObject()
            for (key, member) in object.members where key != "op_id" { copy[key] = withoutOpIDs(member) }
            return .object(copy)
        default: return value
        }
    }

    /// Records sorted by id.
    static func byID(_ rows: JSONValue) -> [JSONValue] {
        (rows.arrayValue ?? []).sorted { ($0["id"]?.stringValue ?? "") < ($1["id"]?.stringValue ?? "") }
    }
}
