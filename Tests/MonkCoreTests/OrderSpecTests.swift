import MonkCore
import Testing

/// An order value and the keys it means, written `field direction`.
struct OrderRow: Sendable, CustomTestStringConvertible {
    let order: JSONValue
    let keys: [String]
    init(_ order: JSONValue, _ keys: [String]) { (self.order, self.keys) = (order, keys) }
    var testDescription: String { "\(order)" }
}

/// An order value that is rejected, and its code.
struct RejectedOrderRow: Sendable, CustomTestStringConvertible {
    let order: JSONValue
    let code: String
    init(_ order: JSONValue, _ code: String) { (self.order, self.code) = (order, code) }
    var testDescription: String { "\(order) → \(code)" }
}

extension OrderSpec {
    fileprivate var written: [String] { keys.map { "\($0.field) \($0.direction.rawValue)" } }
}

@Suite struct OrderSpecTests {
    static let forms: [OrderRow] = [
        .init("name", ["name asc"]),
        .init("name desc", ["name desc"]),
        .init("name  DESCENDING", ["name desc"]),
        .init(["priority desc", "id asc"], ["priority desc", "id asc"]),
        .init(["name": "asc", "created_at": "Desc"], ["created_at desc", "name asc"]),
        .init([["field": "name", "sort": "desc"]], ["name desc"]),
        .init([["field": "name"], "age Ascending", ["b": "desc"]], ["name asc", "age asc", "b desc"]),
        .init(["field": "name"], ["name asc"]),
        .init(["field": "name", "order": "desc"], ["name desc"]),
        .init([], []),
    ]

    @Test(arguments: forms)
    func parsesEveryForm(row: OrderRow) throws {
        #expect(try OrderSpec(parsing: row.order).written == row.keys)
    }

    static let rejected: [RejectedOrderRow] = [
        .init("name sideways", "FILTER_INVALID_SORT_DIRECTION"),
        .init(["name": "up"], "FILTER_INVALID_SORT_DIRECTION"),
        .init([["field": "name", "sort": "down"]], "FILTER_INVALID_SORT_DIRECTION"),
        .init([:], "FILTER_EMPTY_ORDER_OBJECT"),
        .init([[:]], "FILTER_EMPTY_ORDER_OBJECT"),
        .init(5, "FILTER_INVALID_ORDER_SPEC"),
        .init("", "FILTER_INVALID_ORDER_SPEC"),
        .init("a b c", "FILTER_INVALID_ORDER_SPEC"),
        .init([["name"]], "FILTER_INVALID_ORDER_SPEC"),
        .init(["name": 1], "FILTER_INVALID_ORDER_SPEC"),
        .init([true], "FILTER_INVALID_ORDER_SPEC"),
        .init("na-me", "FILTER_INVALID_FIELD_FORMAT"),
        .init("unknown", "FILTER_INVALID_FIELD_NAME"),
    ]

    @Test(arguments: rejected)
    func rejectsWithTheAPICode(row: RejectedOrderRow) {
        #expect {
            try OrderSpec(parsing: row.order, fieldTypes: ["name": .text, "age": .integer])
        } throws: { error in
            (error as? QueryError)?.code.rawValue == row.code
        }
    }

    @Test(arguments: [
        ("id", ["id asc"]), ("name desc,id", ["name desc", "id asc"]), ("a,b desc", ["a asc", "b desc"]),
    ])
    func parsesTheQueryCommaList(text: String, keys: [String]) throws {
        #expect(try OrderSpec(queryParameter: text).written == keys)
    }

    @Test func commaListRejectsEmptyItems() {
        #expect(throws: QueryError.self) { try OrderSpec(queryParameter: "a,,b") }
    }

    @Test func recognizesJSONQueryParameters() {
        #expect(OrderSpec.isJSONQueryParameter("[\"id\"]"))
        #expect(OrderSpec.isJSONQueryParameter("{\"a\":1}"))
        #expect(OrderSpec.isJSONQueryParameter("\"id desc\""))
        #expect(!OrderSpec.isJSONQueryParameter("id desc"))
    }

    @Test func appendsIDTieBreakerUnlessPresent() throws {
        #expect(try OrderSpec(parsing: "name").withIDTieBreaker().written == ["name asc", "id asc"])
        #expect(try OrderSpec(parsing: ["id desc", "name"]).withIDTieBreaker().written == ["id desc", "name asc"])
        #expect(OrderSpec(keys: []).withIDTieBreaker().written == ["id asc"])
    }
}
