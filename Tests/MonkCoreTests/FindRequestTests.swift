import MonkCore
import Testing

private let types: [String: FieldType] = ["name": .text, "email": .text, "balance": .decimal]

/// A find body that is rejected, and its code.
struct RejectedFindRow: Sendable, CustomTestStringConvertible {
    let body: JSONValue
    let code: String
    init(_ body: JSONValue, _ code: String) { (self.body, self.code) = (body, code) }
    var testDescription: String { "\(body) → \(code)" }
}

@Suite struct FindRequestTests {
    @Test func parsesTheDocumentedBody() throws {
        let body: JSONValue = [
            "select": ["name", "email"], "where": ["name": ["$in": ["a", "b"]]], "order": ["balance desc", "id asc"],
            "limit": 50, "offset": 0, "trashed": "include", "count": true,
        ]
        let request = try FindRequest(body: body, fieldTypes: types)
        #expect(request.select == ["id", "name", "email"])
        #expect(request.filter == .field("name", .in(["a", "b"])))
        #expect(request.effectiveOrder.keys.map(\.field) == ["balance", "id"])
        #expect(request.limit == 50)
        #expect(request.offset == 0)
        #expect(request.trashed == .include)
        #expect(request.includesTotal)
    }

    @Test func defaults() throws {
        let request = try FindRequest(body: [:])
        #expect(request.select == nil)
        #expect(request.filter == .matchAll)
        #expect(request.order == nil)
        #expect(request.effectiveOrder == .idAscending)
        #expect(request.trashed == .exclude)
        #expect(!request.includesTotal)
        #expect(try FindRequest(body: ["select": ["*"], "where": nil, "includeTotal": true]).includesTotal)
    }

    @Test func afterNeedsIDOrderAndAnID() throws {
        let id = "5B1E0000-0000-4000-8000-00000000000A"
        #expect(try FindRequest(body: ["after": .string(id)]).after == id.lowercased())
        #expect(try FindRequest(body: ["after": .string(id), "order": ["id asc"]]).after == id.lowercased())
        #expect(try FindRequest(body: ["after": .string(id), "order": "id"]).after == id.lowercased())
    }

    static let rejected: [RejectedFindRow] = [
        .init([1], "BODY_NOT_OBJECT"),
        .init(["filter": [:]], "BAD_REQUEST"),
        .init(["trashed": "all"], "BAD_REQUEST"),
        .init(["count": "yes"], "BAD_REQUEST"),
        .init(["select": "name"], "FILTER_INVALID_SELECT"),
        .init(["select": []], "FILTER_INVALID_SELECT"),
        .init(["select": [1]], "FILTER_INVALID_SELECT"),
        .init(["select": ["na-me"]], "FILTER_INVALID_SELECT"),
        .init(["select": ["nope"]], "FILTER_INVALID_SELECT"),
        .init(["limit": -1], "FILTER_INVALID_LIMIT"),
        .init(["limit": "10"], "FILTER_INVALID_LIMIT"),
        .init(["limit": .number(JSONNumber("1.5") ?? 0)], "FILTER_INVALID_LIMIT"),
        .init(["offset": -5], "FILTER_INVALID_OFFSET"),
        .init(["after": "not-a-uuid"], "FILTER_INVALID_AFTER"),
        .init(["after": 5], "FILTER_INVALID_AFTER"),
        .init(["after": "5b1e0000-0000-4000-8000-00000000000a", "order": "name"], "FILTER_INVALID_AFTER"),
        .init(["after": "5b1e0000-0000-4000-8000-00000000000a", "order": "id desc"], "FILTER_INVALID_AFTER"),
        .init(["where": "x"], "FILTER_INVALID_WHERE_TYPE"),
        .init(["where": ["nope": 1]], "FILTER_INVALID_FIELD_NAME"),
        .init(["order": "name sideways"], "FILTER_INVALID_SORT_DIRECTION"),
    ]

    @Test(arguments: rejected)
    func rejectsWithTheAPICode(row: RejectedFindRow) {
        #expect {
            try FindRequest(body: row.body, fieldTypes: types)
        } throws: { error in
            (error as? QueryError)?.code.rawValue == row.code
        }
    }

    @Test func parsesListQueryParameters() throws {
        let request = try FindRequest(
            where: "{}",
            order: "name desc",
            select: "name, email",
            limit: "10",
            offset: "5",
            after: nil,
            fieldTypes: types,
            parseJSON: { text in text == "{}" ? [:] : .null }
        )
        #expect(request.select == ["id", "name", "email"])
        #expect(request.order?.keys == [OrderKey(field: "name", direction: .descending)])
        #expect(request.limit == 10)
        #expect(request.offset == 5)
    }

    @Test func listQueryErrors() {
        struct ParseFailure: Error {}
        let failing: (String) throws -> JSONValue = { _ in throw ParseFailure() }
        func code(where whereText: String? = nil, order: String? = nil, limit: String? = nil, after: String? = nil)
            -> String?
        {
            let attempt = { () throws(QueryError) -> FindRequest in
                try FindRequest(
                    where: whereText,
                    order: order,
                    select: nil,
                    limit: limit,
                    offset: nil,
                    after: after,
                    parseJSON: failing
                )
            }
            switch Result(catching: attempt) {
            case .success: return nil
            case .failure(let error): return error.code.rawValue
            }
        }
        #expect(code(where: "{bad") == "JSON_PARSE_ERROR")
        #expect(code(order: "[bad") == "JSON_PARSE_ERROR")
        #expect(code(limit: "-1") == "FILTER_INVALID_LIMIT")
        #expect(code(limit: "ten") == "FILTER_INVALID_LIMIT")
        #expect(code(order: "name", after: "5b1e0000-0000-4000-8000-00000000000a") == "FILTER_INVALID_AFTER")
        #expect(code(order: "id", after: "5b1e0000-0000-4000-8000-00000000000a") == nil)
    }
}
