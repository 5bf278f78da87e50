import MonkCore
import Testing

/// A where clause that must be rejected, and the API error code.
struct RejectedWhereRow: Sendable, CustomTestStringConvertible {
    let filter: JSONValue
    let code: String
    init(_ filter: JSONValue, _ code: String) { (self.filter, self.code) = (filter, code) }
    var testDescription: String { "\(filter) → \(code)" }
}

private let types: [String: FieldType] = ["name": .text, "age": .integer, "seen": .timestamp, "tags": .textArray]

@Suite struct WhereExpressionTests {
    static let rejected: [RejectedWhereRow] = [
        .init("name", "FILTER_INVALID_WHERE_TYPE"),
        .init([1, 2], "FILTER_INVALID_WHERE_TYPE"),
        .init(["age": ["$foo": 1]], "FILTER_UNSUPPORTED_OPERATOR"),
        .init(["age": ["nested": 1]], "FILTER_UNSUPPORTED_OPERATOR"),
        .init(["age": ["$eq": 1, "plain": 2]], "FILTER_UNSUPPORTED_OPERATOR"),
        .init(["age": [:]], "FILTER_UNSUPPORTED_OPERATOR"),
        .init(["age": ["$and": [["age": 1]]]], "FILTER_UNSUPPORTED_OPERATOR"),
        .init(["$xor": [["age": 1]]], "FILTER_UNSUPPORTED_LOGICAL_OPERATOR"),
        .init(["$and": []], "FILTER_EMPTY_LOGICAL_ARRAY"),
        .init(["$or": []], "FILTER_EMPTY_LOGICAL_ARRAY"),
        .init(["$and": ["age": 1]], "FILTER_INVALID_LOGICAL_OPERATOR"),
        .init(["$nor": "x"], "FILTER_INVALID_LOGICAL_OPERATOR"),
        .init(["$or": [1]], "FILTER_INVALID_LOGICAL_CONDITION"),
        .init(["$and": [["age": 1], "x"]], "FILTER_INVALID_LOGICAL_CONDITION"),
        .init(["$not": "x"], "FILTER_INVALID_NOT_CONDITION"),
        .init(["$not": []], "FILTER_INVALID_NOT_CONDITION"),
        .init(["age": ["$in": 5]], "FILTER_OPERATOR_REQUIRES_ARRAY"),
        .init(["age": ["$nin": "a"]], "FILTER_OPERATOR_REQUIRES_ARRAY"),
        .init(["tags": ["$any": "a"]], "FILTER_OPERATOR_REQUIRES_ARRAY"),
        .init(["tags": ["$all": nil]], "FILTER_OPERATOR_REQUIRES_ARRAY"),
        .init(["age": ["$between": [1]]], "FILTER_BETWEEN_REQUIRES_ARRAY"),
        .init(["age": ["$between": [1, nil]]], "FILTER_BETWEEN_REQUIRES_ARRAY"),
        .init(["age": ["$between": 5]], "FILTER_BETWEEN_REQUIRES_ARRAY"),
        .init(["age": ["$null": "yes"]], "FILTER_NULL_REQUIRES_BOOLEAN"),
        .init(["age": ["$exists": 1]], "FILTER_EXISTS_REQUIRES_BOOLEAN"),
        .init(["bad-name": 1], "FILTER_INVALID_FIELD_FORMAT"),
        .init(["1abc": 1], "FILTER_INVALID_FIELD_FORMAT"),
        .init(["$or": [["a.b": 1]]], "FILTER_INVALID_FIELD_FORMAT"),
        .init(["unknown": 1], "FILTER_INVALID_FIELD_NAME"),
        .init(["age": ["$gt": nil]], "FILTER_INVALID_WHERE_TYPE"),
        .init(["age": ["$gt": [1]]], "FILTER_INVALID_WHERE_TYPE"),
        .init(["age": ["$eq": ["a": 1]]], "FILTER_INVALID_WHERE_TYPE"),
        .init(["age": "five"], "FILTER_INVALID_WHERE_TYPE"),
        .init(["seen": ["$gt": "yesterday"]], "FILTER_INVALID_WHERE_TYPE"),
        .init(["name": ["$like": 5]], "FILTER_INVALID_WHERE_TYPE"),
        .init(["name": ["$size": "3"]], "FILTER_INVALID_WHERE_TYPE"),
        .init(["name": ["$size": ["$foo": 3]]], "FILTER_UNSUPPORTED_OPERATOR"),
        .init(["tags": ["$any": [nil]]], "FILTER_INVALID_WHERE_TYPE"),
        .init(["name": ["$like": "abc\\"]], "BAD_REQUEST"),
        .init(["name": ["$regex": "a(b"]], "BAD_REQUEST"),
        .init(["name": ["$regex": "\\q"]], "BAD_REQUEST"),
        .init(["name": ["$regex": "[[.a.]]"]], "BAD_REQUEST"),
    ]

    @Test(arguments: rejected)
    func rejectsWithTheAPICode(row: RejectedWhereRow) {
        #expect {
            _ = try WhereExpression(parsing: row.filter, fieldTypes: types)
        } throws: { error in
            (error as? QueryError)?.code.rawValue == row.code
        }
    }

    @Test func unknownFieldsAreAcceptedWithoutTypes() throws {
        let expression = try WhereExpression(parsing: ["anything": 1, "created_at": nil])
        #expect(expression.fieldNames == ["anything", "created_at"])
    }

    @Test func systemFieldsAreAlwaysKnown() throws {
        let expression = try WhereExpression(
            parsing: ["id": ["$gt": "5B1E0000-0000-4000-8000-00000000000A"], "trashed_at": nil],
            fieldTypes: types
        )
        #expect(
            expression
                == .and([
                    .field("id", .compare(.greaterThan, "5b1e0000-0000-4000-8000-00000000000a")),
                    .field("trashed_at", .isNull),
                ])
        )
    }

    @Test func desugarsShorthandsAndNegations() throws {
        let expression = try WhereExpression(
            parsing: [
                "age": [1, nil], "name": ["$exists": false],
                "$nor": [["age": 5]], "$nand": [["age": ["$ne": nil]]],
            ],
            fieldTypes: types
        )
        #expect(
            expression
                == .and([
                    .not(.and([.field("age", .isNotNull)])),
                    .not(.or([.field("age", .compare(.equal, 5))])),
                    .field("age", .in([1, nil])),
                    .field("name", .isNull),
                ])
        )
    }

    @Test func normalizesOperandsToTheFieldType() throws {
        let expression = try WhereExpression(
            parsing: [
                "seen": ["$gte": "2025-01-01T01:00:00+01:00"],
                "age": ["$in": [JSONNumber("5e2").map(JSONValue.number) ?? nil]],
            ],
            fieldTypes: types
        )
        #expect(
            expression
                == .and([
                    .field("age", .in([500])),
                    .field("seen", .compare(.greaterThanOrEqual, "2025-01-01T00:00:00.000Z")),
                ])
        )
    }

    @Test func emptyObjectMatchesEverything() throws {
        #expect(try WhereExpression(parsing: [:]) == .matchAll)
    }

    @Test func operatorsOnOneFieldAreANDed() throws {
        let expression = try WhereExpression(parsing: ["age": ["$gte": 1, "$lt": 9]])
        #expect(
            expression
                == .and([.field("age", .compare(.greaterThanOrEqual, 1)), .field("age", .compare(.lessThan, 9))])
        )
    }
}
