import MonkCore
import Testing

private func num(_ literal: String) -> JSONValue { JSONNumber(literal).map(JSONValue.number) ?? .null }

private let ownerID = "5b1e0000-0000-4000-8000-00000000000a"

/// The `account` model of API.md §2.2, with rules on most fields.
private func accountModel(passthrough: Bool = false) throws -> ModelDefinition {
    var model = try ModelDefinition(
        decoding: [
            "model_name": "account",
            "fields": [
                "name": ["type": "text", "required": true, "minimum": 2, "maximum": 5, "transform": "trim"],
                "email": ["type": "text", "transform": "normalize_email", "pattern": "^[^@]+@[^@]+$"],
                "phone": ["type": "text", "transform": "normalize_phone"],
                "code": ["type": "text", "transform": "uppercase", "enum_values": ["A", "B"]],
                "balance": ["type": "decimal", "default_value": "0", "minimum": 0, "maximum": 1000],
                "is_active": ["type": "boolean", "default_value": true],
                "last_login": ["type": "timestamp"],
                "tags": ["type": "text[]", "enum_values": ["x", "y"]],
                "owner": ["type": "uuid", "immutable": true],
                "secret": ["type": "text", "sudo": true],
            ],
        ]
    )
    model.isPassthrough = passthrough
    return model
}

/// A create body's field (besides a valid `name`), its value, and the per-field code it must produce.
struct ViolationRow: Sendable, CustomTestStringConvertible {
    let field: String
    let value: JSONValue
    let code: String
    init(_ field: String, _ value: JSONValue, _ code: String) {
        (self.field, self.value, self.code) = (field, value, code)
    }
    var testDescription: String { "\(field) = \(value) → \(code)" }
}

@Suite struct RecordValidatorTests {
    @Test func createAppliesTransformsDefaultsAndNormalizes() throws {
        let validator = RecordValidator(model: try accountModel())
        let result = try validator.validateCreate(
            [
                "name": "  Ada ", "email": " Ada@X.Test ", "phone": "+1 (555) 010-99", "code": "a",
                "last_login": "2025-11-22T19:13:42.5+01:00", "tags": ["x", nil], "owner": .string(ownerID.uppercased()),
                "id": .string(ownerID.uppercased()), "created_at": "2025-01-01", "trashed_at": "2025-01-02",
                "access_read": .array([.string(ownerID)]),
            ],
            authority: .regular
        )
        #expect(result.violations == [])
        #expect(
            result.record
                == [
                    "id": .string(ownerID), "created_at": "2025-01-01T00:00:00.000Z", "name": "Ada",
                    "email": "ada@x.test", "phone": "+155501099", "code": "A", "balance": 0, "is_active": true,
                    "last_login": "2025-11-22T18:13:42.500Z", "tags": ["x", nil], "owner": .string(ownerID),
                    "secret": nil,
                ]
        )
    }

    static let violationRows: [ViolationRow] = [
        .init("name", .null, "REQUIRED_FIELD_MISSING"), .init("name", "A", "VALUE_BELOW_MINIMUM"),
        .init("name", "Adaline", "VALUE_ABOVE_MAXIMUM"), .init("name", 5, "INVALID_TYPE"),
        .init("balance", -1, "VALUE_BELOW_MINIMUM"), .init("balance", num("1000.01"), "VALUE_ABOVE_MAXIMUM"),
        .init("balance", "ten", "INVALID_TYPE"), .init("email", "not-an-email", "PATTERN_MISMATCH"),
        .init("code", "c", "INVALID_ENUM_VALUE"), .init("tags", ["x", "z"], "INVALID_ENUM_VALUE"),
        .init("tags", "x", "INVALID_TYPE"), .init("is_active", "true", "INVALID_TYPE"),
        .init("last_login", "soon", "INVALID_TYPE"), .init("owner", "abc", "INVALID_TYPE"),
        .init("nickname", "x", "UNKNOWN_FIELD"), .init("id", "abc", "INVALID_TYPE"),
        .init("updated_at", 5, "INVALID_TYPE"),
    ]

    @Test(arguments: violationRows)
    func createReportsViolations(row: ViolationRow) throws {
        let validator = RecordValidator(model: try accountModel())
        var body: JSONObject = ["name": "Ada"]
        body[row.field] = row.value
        let result = try validator.validateCreate(body, authority: .regular)
        #expect(result.violations.map(\.field) == [row.field])
        #expect(result.violations.map(\.code.rawValue) == [row.code])
        #expect(!result.isValid)
    }

    @Test func collectsEveryViolationAndShapesDetails() throws {
        let validator = RecordValidator(model: try accountModel())
        let result = try validator.validateCreate(["balance": -5, "extra": 1, "code": "zz"], authority: .regular)
        #expect(
            result.violations.map(\.code.rawValue) == [
                "UNKNOWN_FIELD", "VALUE_BELOW_MINIMUM", "INVALID_ENUM_VALUE", "REQUIRED_FIELD_MISSING",
            ]
        )
        var first = try #require(result.violations.first)
        first.recordIndex = 3
        #expect(first.apiObject["record_index"] == 3)
        #expect(FieldViolation.details(result.violations)["error_count"] == 4)
    }

    @Test func textLengthCountsCodePoints() throws {
        let validator = RecordValidator(model: try accountModel())
        #expect(try validator.validateCreate(["name": "né"], authority: .regular).isValid)
        #expect(
            try validator.validateCreate(["name": "e\u{301}e\u{301}e\u{301}"], authority: .regular).violations.first?
                .code == .valueAboveMaximum
        )
    }

    @Test func sudoFieldsAndAccessLists() throws {
        let validator = RecordValidator(model: try accountModel())
        #expect {
            try validator.validateCreate(["name": "Ada", "secret": "x"], authority: .regular)
        } throws: { error in
            (error as? RecordRefusal)?.code == .fieldRequiresSudo
        }
        let sudo = try validator.validateCreate(
            ["name": "Ada", "secret": "x", "access_read": .array([.string(ownerID.uppercased())]), "access_deny": nil],
            authority: .sudo
        )
        #expect(sudo.record["access_read"] == .array([.string(ownerID)]))
        #expect(sudo.record["access_deny"] == [])
        let bad = try validator.validateCreate(["name": "Ada", "access_edit": [nil]], authority: .sudo)
        #expect(bad.violations.map(\.field) == ["access_edit"])
    }

    @Test func updateValidatesTheMergedRecord() throws {
        let validator = RecordValidator(model: try accountModel())
        let existing = try validator.validateCreate(["name": "Ada", "id": .string(ownerID)], authority: .regular).record
        let result = try validator.validateUpdate(
            ["balance": "12.50", "email": " B@Y.Z "],
            of: existing,
            authority: .regular
        )
        #expect(result.isValid)
        #expect(result.record["balance"] == num("12.5"))
        #expect(result.record["email"] == "b@y.z")
        #expect(result.record["name"] == "Ada")
        #expect(result.record["is_active"] == true)
        let cleared = try validator.validateUpdate(["name": nil], of: existing, authority: .regular)
        #expect(cleared.violations.map(\.code) == [.requiredFieldMissing])
        let unchanged = try validator.validateUpdate([:], of: existing, authority: .regular)
        #expect(unchanged.record == existing)
    }

    @Test func updateRules() throws {
        let validator = RecordValidator(model: try accountModel())
        let existing: JSONObject = ["id": .string(ownerID), "name": "Ada", "owner": .string(ownerID), "balance": 0]
        func refusal(_ changes: JSONObject) -> String? {
            do {
                _ = try validator.validateUpdate(changes, of: existing, authority: .regular)
                return nil
            } catch {
                return error.code.rawValue
            }
        }
        #expect(refusal(["owner": "00000000-0000-4000-8000-000000000000"]) == "FIELD_IMMUTABLE")
        #expect(refusal(["owner": .string(ownerID.uppercased())]) == nil)
        #expect(refusal(["id": "00000000-0000-4000-8000-000000000000"]) == "BAD_REQUEST")
        #expect(refusal(["id": .string(ownerID.uppercased())]) == nil)
        #expect(refusal(["secret": "x"]) == "FIELD_REQUIRES_SUDO")
        let fromNull = try validator.validateUpdate(
            ["owner": .string(ownerID)],
            of: ["id": .string(ownerID), "name": "Ada"],
            authority: .regular
        )
        #expect(fromNull.isValid)
        let ignored = try validator.validateUpdate(
            ["trashed_at": "2025-01-01", "access_read": []],
            of: existing,
            authority: .regular
        )
        #expect(ignored.record.member("trashed_at") == nil)
        #expect(ignored.record.member("access_read") == nil)
    }

    @Test func passthroughChecksTypesOnly() throws {
        let validator = RecordValidator(model: try accountModel(passthrough: true))
        let result = try validator.validateCreate(["name": " A ", "code": "zz", "balance": -5], authority: .regular)
        #expect(result.isValid)
        #expect(result.record["name"] == " A ")
        #expect(result.record["balance"] == -5)
        let typed = try validator.validateCreate(["balance": "x"], authority: .regular)
        #expect(typed.violations.map(\.code) == [.invalidType])
    }

    @Test(arguments: [
        (FieldTransform.lowercase, " ÀB ", " àb "), (.uppercase, "straße", "STRASSE"), (.trim, "\t a b \n", "a b"),
        (.normalizeEmail, " Ada@X.Test ", "ada@x.test"), (.normalizePhone, " +1 (555) 010-9999 ", "+15550109999"),
        (.normalizePhone, "555+1", "5551"), (.trim, "   ", ""),
    ])
    func transforms(transform: FieldTransform, input: String, output: String) {
        #expect(transform.apply(to: input) == output)
        #expect(transform.apply(to: .array([.string(input), 5])) == .array([.string(output), 5]))
    }
}
