import MonkCore
import Testing

private let types: [String: FieldType] = ["balance": .decimal, "count": .integer, "account_type": .text]

/// An aggregate body that is rejected, and its code.
struct RejectedAggregateRow: Sendable, CustomTestStringConvertible {
    let body: JSONValue
    let code: String
    init(_ body: JSONValue, _ code: String) { (self.body, self.code) = (body, code) }
    var testDescription: String { "\(body) → \(code)" }
}

@Suite struct AggregateRequestTests {
    @Test func parsesTheDocumentedBody() throws {
        let body: JSONValue = [
            "where": ["balance": ["$gt": 0]], "trashed": "exclude",
            "aggregate": ["n": ["$count": "*"], "total": ["$sum": "balance"], "types": ["$distinct": "account_type"]],
            "groupBy": ["account_type"],
        ]
        let request = try AggregateRequest(body: body, fieldTypes: types)
        #expect(
            request.aggregations == [
                Aggregation(alias: "n", function: .count, field: nil),
                Aggregation(alias: "total", function: .sum, field: "balance"),
                Aggregation(alias: "types", function: .distinct, field: "account_type"),
            ]
        )
        #expect(request.groupBy == ["account_type"])
        #expect(request.filter == .field("balance", .compare(.greaterThan, 0)))
        #expect(
            try AggregateRequest(body: ["aggregate": ["m": ["$max": "created_at"]], "groupBy": "account_type"]).groupBy
                == ["account_type"]
        )
    }

    static let rejected: [RejectedAggregateRow] = [
        .init([:], "MISSING_AGGREGATION"),
        .init(["aggregate": [:]], "MISSING_AGGREGATION"),
        .init(["aggregate": nil], "MISSING_AGGREGATION"),
        .init(["aggregate": "count"], "FILTER_INVALID_AGGREGATION"),
        .init(["aggregate": ["bad-alias": ["$count": "*"]]], "FILTER_INVALID_AGGREGATION"),
        .init(["aggregate": ["n": ["$median": "balance"]]], "FILTER_INVALID_AGGREGATION"),
        .init(["aggregate": ["n": ["$sum": "account_type"]]], "FILTER_INVALID_AGGREGATION"),
        .init(["aggregate": ["n": ["$avg": "created_at"]]], "FILTER_INVALID_AGGREGATION"),
        .init(["aggregate": ["n": ["$sum": "*"]]], "FILTER_INVALID_AGGREGATION"),
        .init(["aggregate": ["n": ["$sum": "balance", "$avg": "balance"]]], "FILTER_INVALID_AGGREGATION"),
        .init(["aggregate": ["n": ["$sum": 5]]], "FILTER_INVALID_AGGREGATION"),
        .init(["aggregate": ["n": "$sum"]], "FILTER_INVALID_AGGREGATION"),
        .init(
            ["aggregate": ["account_type": ["$count": "*"]], "groupBy": "account_type"],
            "FILTER_INVALID_AGGREGATION"
        ),
        .init(["aggregate": ["n": ["$count": "*"]], "groupBy": 5], "FILTER_INVALID_AGGREGATION"),
        .init(["aggregate": ["n": ["$count": "*"]], "groupBy": ["nope"]], "FILTER_INVALID_FIELD_NAME"),
        .init(["aggregate": ["n": ["$count": "nope"]]], "FILTER_INVALID_FIELD_NAME"),
        .init(["aggregate": ["n": ["$count": "a.b"]]], "FILTER_INVALID_FIELD_FORMAT"),
        .init(["aggregate": ["n": ["$count": "*"]], "group_by": []], "BAD_REQUEST"),
        .init(["aggregate": ["n": ["$count": "*"]], "where": ["x": ["$bad": 1]]], "FILTER_INVALID_FIELD_NAME"),
        .init("x", "BODY_NOT_OBJECT"),
    ]

    @Test(arguments: rejected)
    func rejectsWithTheAPICode(row: RejectedAggregateRow) {
        #expect {
            try AggregateRequest(body: row.body, fieldTypes: types)
        } throws: { error in
            (error as? QueryError)?.code.rawValue == row.code
        }
    }

    @Test func parsesTheQueryForm() throws {
        let request = try AggregateRequest(
            queryItems: [("count", nil), ("sum", "balance"), ("where", "{}"), ("stat", "true")],
            fieldTypes: types,
            parseJSON: { _ in [:] }
        )
        #expect(
            request.aggregations == [
                Aggregation(alias: "count", function: .count, field: nil),
                Aggregation(alias: "sum", function: .sum, field: "balance"),
            ]
        )
        #expect {
            try AggregateRequest(queryItems: [("stat", "true")], parseJSON: { _ in [:] })
        } throws: { error in
            (error as? QueryError)?.code == .missingAggregation
        }
    }
}
