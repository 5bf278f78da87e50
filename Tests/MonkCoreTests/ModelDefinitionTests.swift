import MonkCore
import Testing

/// A describe body that is rejected, and its code.
struct RejectedModelRow: Sendable, CustomTestStringConvertible {
    let body: JSONValue
    let code: String
    init(_ body: JSONValue, _ code: String) { (self.body, self.code) = (body, code) }
    var testDescription: String { "\(body) → \(code)" }
}

@Suite struct ModelDefinitionTests {
    @Test func decodesFieldsAsArrayOrMap() throws {
        let array = try ModelDefinition(
            decoding: [
                "model_name": "Account", "description": "Customer accounts", "frozen": true,
                "fields": [["field_name": "balance", "type": "numeric", "default_value": 0, "minimum": 0]],
            ]
        )
        let map = try ModelDefinition(
            decoding: ["fields": ["balance": ["type": "decimal", "default_value": "0", "minimum": 0]]],
            urlModelName: "account"
        )
        #expect(array.modelName == "account")
        #expect(array.isFrozen)
        #expect(array.fields == map.fields)
        let field = try #require(map.fields?.first)
        #expect(field.type == .decimal)
        #expect(field.defaultValue == "0")
        #expect(field.defaultJSONValue == 0)
        #expect(map.fieldTypes["balance"] == .decimal)
        #expect(map.fieldTypes["created_at"] == .timestamp)
    }

    @Test func encodesTheAPIObjectShape() throws {
        let model = try ModelDefinition(
            decoding: [
                "model_name": "task",
                "fields": [
                    "done": ["type": "boolean", "default_value": true],
                    "project_id": ["type": "uuid", "relationship_type": "belongs_to", "related_model": "project"],
                ],
            ]
        )
        let object = model.apiObject(includingFields: true)
        #expect(object["status"] == "active")
        #expect(object["description"] == .null)
        #expect(object["passthrough"] == false)
        #expect(object.keys.count == 9)
        let fields = try #require(object["fields"]?.arrayValue)
        #expect(fields.count == 2)
        #expect(fields[0]["default_value"] == "true")
        #expect(fields[0]["model_name"] == "task")
        #expect(fields[1]["relationship_type"] == "owned")
        #expect(fields[1]["related_field"] == "id")
        #expect(fields[1].objectValue?.count == 24)
        #expect(model.apiObject().keys.contains("fields") == false)
    }

    static let rejected: [RejectedModelRow] = [
        .init("x", "BODY_NOT_OBJECT"),
        .init([:], "MISSING_REQUIRED_FIELDS"),
        .init(["model_name": "1abc"], "INVALID_MODEL_NAME"),
        .init(["model_name": "my-model"], "INVALID_MODEL_NAME"),
        .init(["model_name": "_private"], "INVALID_MODEL_NAME"),
        .init(["model_name": "select"], "INVALID_MODEL_NAME"),
        .init(["model_name": "USER"], "INVALID_MODEL_NAME"),
        .init(["model_name": .string(String(repeating: "a", count: 64))], "INVALID_MODEL_NAME"),
        .init(["model_name": "a", "frozen": "yes"], "BAD_REQUEST"),
        .init(["model_name": "a", "fields": "x"], "BAD_REQUEST"),
        .init(["model_name": "a", "fields": [["type": "text"]]], "FIELD_NAME_REQUIRED"),
        .init(["model_name": "a", "fields": [["field_name": "x"]]], "MISSING_REQUIRED_FIELDS"),
        .init(["model_name": "a", "fields": [["field_name": "x", "type": "varchar"]]], "INVALID_TYPE"),
        .init(["model_name": "a", "fields": [["field_name": "x-y", "type": "text"]]], "INVALID_FIELD_NAME"),
        .init(
            [
                "model_name": "a",
                "fields": [["field_name": .string(String(repeating: "f", count: 64)), "type": "text"]],
            ],
            "FIELD_NAME_TOO_LONG"
        ),
        .init(["model_name": "a", "fields": [["field_name": "created_at", "type": "text"]]], "RESERVED_FIELD_NAME"),
        .init(["model_name": "a", "fields": [["field_name": "ID", "type": "text"]]], "RESERVED_FIELD_NAME"),
        .init(["model_name": "a", "fields": [["field_name": "order", "type": "text"]]], "RESERVED_FIELD_NAME"),
        .init(
            ["model_name": "a", "fields": ["n": ["type": "integer", "default_value": "abc"]]],
            "INVALID_DEFAULT_VALUE"
        ),
        .init(["model_name": "a", "fields": ["n": ["type": "boolean", "default_value": 1]]], "INVALID_DEFAULT_VALUE"),
        .init(["model_name": "a", "fields": ["n": ["type": "text", "default_value": [1]]]], "INVALID_DEFAULT_VALUE"),
        .init(["model_name": "a", "fields": ["n": ["type": "text", "transform": "reverse"]]], "BAD_REQUEST"),
        .init(["model_name": "a", "fields": ["n": ["type": "text", "pattern": "a(b"]]], "BAD_REQUEST"),
        .init(["model_name": "a", "fields": ["n": ["type": "text", "relationship_type": "parent"]]], "BAD_REQUEST"),
        .init(["model_name": "a", "fields": ["n": ["type": "integer", "enum_values": ["x"]]]], "BAD_REQUEST"),
        .init(["model_name": "a", "fields": ["n": ["type": "integer", "minimum": 5, "maximum": 1]]], "BAD_REQUEST"),
        .init(["model_name": "a", "fields": ["n": "text"]], "BODY_NOT_OBJECT"),
    ]

    @Test(arguments: rejected)
    func rejectsWithTheAPICode(row: RejectedModelRow) {
        #expect {
            try ModelDefinition(decoding: row.body)
        } throws: { error in
            (error as? ModelError)?.code.rawValue == row.code
        }
    }

    @Test func urlNameRules() throws {
        #expect {
            try ModelDefinition(decoding: ["model_name": "other"], urlModelName: "account")
        } throws: { error in
            (error as? ModelError)?.code == .modelNameMismatch
        }
        #expect(
            try ModelDefinition(decoding: ["model_name": "other"], urlModelName: "account", precedence: .bodyWins)
                .modelName == "other"
        )
        #expect(
            try ModelDefinition(decoding: ["model_name": "Account"], urlModelName: "account").modelName == "account"
        )
    }

    @Test func appliesPartialChanges() throws {
        let model = try ModelDefinition(decoding: ["model_name": "a", "description": "old"])
        let changed = try model.applyingChanges(["description": nil, "sudo": true])
        #expect(changed.description == nil)
        #expect(changed.requiresSudo)
        #expect(throws: ModelError.self) { try model.applyingChanges(["model_name": "b"]) }

        let field = FieldDefinition(modelName: "a", fieldName: "n", type: .text)
        let retyped = try field.applyingChanges(["type": "integer", "default_value": "5", "transform": "trim"])
        #expect(retyped.type == .integer)
        #expect(retyped.defaultJSONValue == 5)
        #expect(retyped.transform == .trim)
        #expect(try retyped.applyingChanges(["transform": nil]).transform == nil)
        #expect(throws: ModelError.self) { try retyped.applyingChanges(["default_value": "x"]) }
    }

    @Test func normalizesEnumValuesToTheFieldType() throws {
        let field = try FieldDefinition(
            decoding: ["type": "uuid[]", "enum_values": ["5B1E0000-0000-4000-8000-00000000000A"]],
            modelName: "a",
            fieldName: "refs"
        )
        #expect(field.enumValues == ["5b1e0000-0000-4000-8000-00000000000a"])
    }

    @Test func identifierRule() {
        #expect(NameRules.isIdentifier("_a1"))
        #expect(NameRules.isIdentifier("camelCase"))
        #expect(!NameRules.isIdentifier(""))
        #expect(!NameRules.isIdentifier("9a"))
        #expect(!NameRules.isIdentifier("é"))
    }
}
