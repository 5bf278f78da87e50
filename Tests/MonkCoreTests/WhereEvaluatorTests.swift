import MonkCore
import Testing

/// A decimal literal as a JSON value.
private func dec(_ literal: String) -> JSONValue {
    JSONNumber(literal).map(JSONValue.number) ?? .null
}

private let types: [String: FieldType] = [
    "name": .text, "age": .integer, "balance": .decimal, "active": .boolean, "seen": .timestamp, "born": .date,
    "tags": .textArray, "owner": .uuid, "meta": .jsonb,
]

/// A where clause and its three-valued result for a record with `age` 30, with `age` null, and without `age`.
struct ThreeValuedLogicRow: Sendable, CustomTestStringConvertible {
    let filter: JSONValue
    let present: Bool?
    let null: Bool?
    let missing: Bool?
    init(_ filter: JSONValue, _ present: Bool?, _ null: Bool?, _ missing: Bool?) {
        (self.filter, self.present, self.null, self.missing) = (filter, present, null, missing)
    }
    var testDescription: String { "\(filter)" }
}

/// A where clause on one field, a value of that field, and the three-valued result.
struct TextAndArrayOperatorsRow: Sendable, CustomTestStringConvertible {
    let filter: JSONValue
    let value: JSONValue
    let expected: Bool?
    init(_ filter: JSONValue, _ value: JSONValue, _ expected: Bool?) {
        (self.filter, self.value, self.expected) = (filter, value, expected)
    }
    var testDescription: String { "\(filter) on \(value)" }
}

/// A where clause on one field, a value, and the result with field types and without them.
struct TypedComparisonsRow: Sendable, CustomTestStringConvertible {
    let filter: JSONValue
    let value: JSONValue
    let typed: Bool?
    let untyped: Bool?
    init(_ filter: JSONValue, _ value: JSONValue, _ typed: Bool?, _ untyped: Bool?) {
        (self.filter, self.value, self.typed, self.untyped) = (filter, value, typed, untyped)
    }
    var testDescription: String { "\(filter) on \(value)" }
}

@Suite struct WhereEvaluatorTests {
    static let threeValuedLogicRows: [ThreeValuedLogicRow] = [
        .init(["age": 30], true, nil, nil),
        .init(["age": ["$eq": 31]], false, nil, nil),
        .init(["age": ["$ne": 31]], true, nil, nil),
        .init(["age": ["$neq": 30]], false, nil, nil),
        .init(["age": ["$gt": 29]], true, nil, nil),
        .init(["age": ["$gte": 30]], true, nil, nil),
        .init(["age": ["$lt": 30]], false, nil, nil),
        .init(["age": ["$lte": 30]], true, nil, nil),
        .init(["age": ["$between": [30, 40]]], true, nil, nil),
        .init(["age": ["$between": [31, 40]]], false, nil, nil),
        .init(["age": ["$in": [1, 30]]], true, nil, nil),
        .init(["age": ["$in": [1, 2]]], false, nil, nil),
        .init(["age": ["$in": [1, nil]]], nil, nil, nil),
        .init(["age": ["$in": []]], false, false, false),
        .init(["age": ["$nin": [1, 2]]], true, nil, nil),
        .init(["age": ["$nin": [30]]], false, nil, nil),
        .init(["age": ["$nin": [1, nil]]], nil, nil, nil),
        .init(["age": ["$nin": []]], true, true, true),
        .init(["age": [1, 30]], true, nil, nil),
        .init(["age": nil], false, true, true),
        .init(["age": ["$eq": nil]], false, true, true),
        .init(["age": ["$ne": nil]], true, false, false),
        .init(["age": ["$null": true]], false, true, true),
        .init(["age": ["$null": false]], true, false, false),
        .init(["age": ["$exists": true]], true, false, false),
        .init(["age": ["$exists": false]], false, true, true),
        .init(["$not": ["age": ["$gt": 40]]], true, nil, nil),
        .init(["$not": ["age": nil]], true, false, false),
        .init(["$nor": [["age": 1], ["age": 2]]], true, nil, nil),
        .init(["$nand": [["age": 30], ["age": ["$gt": 1]]]], false, nil, nil),
        .init(["$or": [["age": 30], ["age": nil]]], true, true, true),
        .init(["$or": [["age": 1], ["age": ["$gt": 100]]]], false, nil, nil),
        .init(["$and": [["age": 30], ["age": ["$lt": 10]]]], false, nil, nil),
        .init(["$not": [["age": 30], ["age": ["$gt": 1]]]], false, nil, nil),
        .init(["age": ["$gte": 18, "$lte": 65]], true, nil, nil),
        .init(["age": ["$gt": dec("29.5")]], true, nil, nil),
        .init([:], true, true, true),
    ]

    @Test(arguments: threeValuedLogicRows)
    func threeValuedLogic(row: ThreeValuedLogicRow) throws {
        let evaluator = WhereEvaluator(try WhereExpression(parsing: row.filter, fieldTypes: types), fieldTypes: types)
        #expect(evaluator.evaluate(["age": 30, "name": "x"]) == row.present)
        #expect(evaluator.evaluate(["age": nil, "name": "x"]) == row.null)
        #expect(evaluator.evaluate(["name": "x"]) == row.missing)
        #expect(evaluator.matches(["age": 30]) == (row.present == true))
    }

    static let textAndArrayOperatorsRows: [TextAndArrayOperatorsRow] = [
        .init(["name": ["$like": "Jo%"]], "John", true),
        .init(["name": ["$like": "jo%"]], "John", false),
        .init(["name": ["$like": "J_hn"]], "John", true),
        .init(["name": ["$like": "J_n"]], "John", false),
        .init(["name": ["$like": "100\\%"]], "100%", true),
        .init(["name": ["$like": "100\\%"]], "1000", false),
        .init(["name": ["$like": "a\\_b"]], "axb", false),
        .init(["name": ["$nlike": "Jo%"]], "John", false),
        .init(["name": ["$nlike": "Jo%"]], nil, nil),
        .init(["name": ["$ilike": "jo%"]], "JOHN", true),
        .init(["name": ["$ilike": "%straße%"]], "GROSSE STRASSE", false),
        .init(["name": ["$ilike": "σ%"]], "ς", true),
        .init(["name": ["$nilike": "jo%"]], "JOHN", false),
        .init(["name": ["$regex": "^J[a-z]+n$"]], "John", true),
        .init(["name": ["$regex": "oh"]], "John", true),
        .init(["name": ["$regex": "^oh"]], "John", false),
        .init(["name": ["$regex": "\\d{3}"]], "ab123", true),
        .init(["name": ["$regex": "a.+?c"]], "abbc", true),
        .init(["name": ["$regex": "JOHN"]], "John", false),
        .init(["name": ["$nregex": "JOHN"]], "John", true),
        .init(["name": ["$nregex": "x"]], nil, nil),
        .init(["name": ["$find": "OH"]], "John", true),
        .init(["name": ["$text": "%"]], "John", false),
        .init(["name": ["$text": "50%"]], "is 50% off", true),
        .init(["name": ["$search": "quick FOX"]], "The Quick brown fox", true),
        .init(["name": ["$search": "quick cat"]], "The Quick brown fox", false),
        .init(["name": ["$search": "  "]], "anything", false),
        .init(["name": ["$size": 4]], "John", true),
        .init(["name": ["$size": ["$gt": 4]]], "Jöhn", false),
        .init(["tags": ["$any": ["a", "z"]]], ["a", "b"], true),
        .init(["tags": ["$any": ["y", "z"]]], ["a", "b"], false),
        .init(["tags": ["$any": []]], ["a", "b"], false),
        .init(["tags": ["$any": ["a"]]], nil, nil),
        .init(["tags": ["$nany": ["y", "z"]]], ["a", "b"], true),
        .init(["tags": ["$nany": []]], ["a"], true),
        .init(["tags": ["$nany": ["a"]]], nil, nil),
        .init(["tags": ["$all": ["a", "b"]]], ["a", "b", "c"], true),
        .init(["tags": ["$all": ["a", "d"]]], ["a", "b", "c"], false),
        .init(["tags": ["$all": []]], ["a"], true),
        .init(["tags": ["$nall": []]], ["a"], false),
        .init(["tags": ["$nall": ["a", "d"]]], ["a", "b"], true),
        .init(["tags": ["$all": ["a"]]], [nil, "a"], true),
        .init(["tags": ["$size": 3]], ["a", nil, "c"], true),
        .init(["tags": ["$size": ["$gte": 1, "$lt": 3]]], ["a", "b"], true),
        .init(["tags": ["$size": 0]], nil, nil),
        .init(["tags": ["$eq": "a"]], ["a"], false),
    ]

    @Test(arguments: textAndArrayOperatorsRows)
    func textAndArrayOperators(row: TextAndArrayOperatorsRow) throws {
        let evaluator = WhereEvaluator(try WhereExpression(parsing: row.filter, fieldTypes: types), fieldTypes: types)
        var record: JSONObject = ["id": "00000000-0000-0000-0000-000000000001"]
        record[row.filter.objectValue?.keys.first ?? ""] = row.value
        #expect(evaluator.evaluate(record) == row.expected)
    }

    static let typedComparisonsRows: [TypedComparisonsRow] = [
        .init(["seen": ["$gt": "2025-01-01T00:00:00Z"]], "2025-01-01T00:30:00+01:00", false, true),
        .init(["seen": "2025-01-01"], "2025-01-01T00:00:00.000Z", true, false),
        .init(["seen": ["$lt": "2025-06-01T00:00:00.5Z"]], "2025-06-01T02:00:00+02:00", true, false),
        .init(["balance": dec("1250.75")], dec("1250.750"), true, true),
        .init(["balance": ["$gt": "12.5"]], dec("12.51"), true, nil),
        .init(["balance": ["$gte": dec("0.1")]], dec("0.10000000000000000001"), true, true),
        .init(["name": ["$lt": "é"]], "z", true, true),
        .init(["name": ["$gt": "Z"]], "a", true, true),
        .init(["active": ["$lt": true]], false, true, true),
        .init(["owner": "5B1E0000-0000-4000-8000-00000000000A"], "5b1e0000-0000-4000-8000-00000000000a", true, false),
        .init(["born": ["$gte": "2024-02-29"]], "2024-03-01", true, true),
        .init(["meta": 5], 5, true, true),
        .init(["name": ["$gt": 5]], "6", nil, nil),
    ]

    @Test(arguments: typedComparisonsRows)
    func typedComparisons(row: TypedComparisonsRow) throws {
        let field = row.filter.objectValue?.keys.first ?? ""
        let record: JSONObject = [field: row.value]
        do {
            let typedExpression = try WhereExpression(parsing: row.filter, fieldTypes: types)
            #expect(WhereEvaluator(typedExpression, fieldTypes: types).evaluate(record) == row.typed)
        } catch {
            // A typed parse refuses operands that do not convert to the field's type.
            #expect(row.typed == nil && error.code == .filterInvalidWhereType)
        }
        let untypedExpression = try WhereExpression(parsing: row.filter)
        #expect(WhereEvaluator(untypedExpression).evaluate(record) == row.untyped)
    }

    @Test func exampleFromTheAPIMatches() throws {
        let filter: JSONValue = [
            "$or": [["balance": ["$gte": 1000]], ["$and": [["active": false], ["owner": ["$exists": false]]]]],
            "name": ["$ilike": "%o%"],
        ]
        let evaluator = WhereEvaluator(try WhereExpression(parsing: filter, fieldTypes: types), fieldTypes: types)
        #expect(evaluator.matches(["name": "Bob", "balance": 5, "active": false]))
        #expect(evaluator.matches(["name": "ROSA", "balance": 1000]))
        #expect(!evaluator.matches(["name": "Ann", "balance": 5000]))
        #expect(!evaluator.matches(["name": "Bob", "balance": 5, "active": true]))
        #expect(evaluator.evaluate(["name": "Bob", "active": false, "owner": "x"]) == nil)
    }
}
