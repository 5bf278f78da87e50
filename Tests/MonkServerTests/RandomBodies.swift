import MonkCore
import MonkStore
import MonkTestSupport

/// Generated models and create bodies for the bulk create equivalence tests: every field type and rule,
/// values in and out of wire form, system and unknown keys, escapes, keys in any order, random whitespace.
enum RandomBodies {
    /// Field names that sort before, between and after the system keys (`id`, `created_at`, …).
    static let names = ["a", "amount", "b_1", "code", "email", "ia", "idx", "name", "notes", "tags", "when", "zeta"]

    /// A model definition body (`POST /api/describe`) with 1–7 random fields.
    static func model(_ random: inout SeededGenerator) -> JSONValue {
        var fields: [JSONValue] = []
        for name in names.shuffled(using: &random).prefix(Int.random(in: 1...7, using: &random)) {
            let type = FieldType.allCases.randomElement(using: &random) ?? .text
            var field: JSONObject = ["field_name": .string(name), "type": .string(type.apiName)]
            if random.oneIn(4) { field["required"] = true }
            if random.oneIn(8) { field["unique"] = true }
            if random.oneIn(6) { field["immutable"] = true }
            if random.oneIn(8) { field["sudo"] = true }
            if type == .text || type == .textArray {
                if random.oneIn(5) {
                    field["transform"] = ["trim", "lowercase", "normalize_email"].randomElement(using: &random).map(
                        JSONValue.string
                    )
                }
                if random.oneIn(6) { field["pattern"] = "^[a-z ]*$" }
                if random.oneIn(6) { field["enum_values"] = ["ada", "bob", "Ada"] }
            }
            if type.isNumeric || type == .text, random.oneIn(5) {
                field["minimum"] = 2
                field["maximum"] = 40
            }
            if random.oneIn(4), let value = defaults[type]?.randomElement(using: &random) {
                field["default_value"] = value
            }
            fields.append(.object(field))
        }
        var body: JSONObject = ["model_name": .string("m\(random.next() % 1000)"), "fields": .array(fields)]
        if random.oneIn(6) { body["passthrough"] = true }
        return .object(body)
    }

    /// `default_value`s per type, some that convert and some that do not.
    static let defaults: [FieldType: [JSONValue]] = [
        .text: ["none", "  Padded "], .integer: ["7", "1"], .decimal: ["2.50", "3"], .boolean: ["true", "false"],
        .timestamp: ["2025-01-01T00:00:00Z"], .date: ["2025-01-01"], .jsonb: ["null", "5", "{}"],
        .textArray: ["[]"], .integerArray: ["[]"],
    ]

    /// Raw JSON spellings per type: wire forms, forms that normalize, wrong types.
    static let values: [FieldType: [String]] = [
        .text: [
            #""ada""#, #""Ren\u00e9""#, #""a\"b\\c""#, #""  Spaced Out ""#, #""""#, #""x\ny\t""#, #""Ada""#,
            #""bob""#, #""\ud83d\ude00 smile""#, #""\/slash""#, "42", "true",
        ],
        .integer: ["5", "-12", "0", "5.0", "5e2", "1.5", "9223372036854775807", "-0", #""5""#, "30", "1"],
        .decimal: ["1.50", "12", "-0", "-0.0", "0.10e1", "-0.5", "1e3", #""12.50""#, #""abc""#, "3", "100", "2.0"],
        .boolean: ["true", "false", #""true""#, "0"],
        .timestamp: [
            #""2025-11-22T18:13:42.123Z""#, #""2025-11-22T19:13:42.123456+01:00""#, #""2025-02-30T00:00:00.000Z""#,
            #""not a time""#, "5",
        ],
        .date: [#""2025-01-31""#, #""2025-02-31""#, #""2025-1-1""#],
        .uuid: [
            #""5b1e0000-0000-4000-8000-0000000000aa""#, #""5B1E0000-0000-4000-8000-0000000000AA""#, #""nope""#, "1",
        ],
        .jsonb: [
            #"{"z": [1, 1.50, {"b": null, "a": "\u00e9"}], "a": true}"#, "1.50", #""text""#, "[]", "{}",
            #"{"k\u0041": "v"}"#,
        ],
        .binary: [#""aGVsbG8=""#, #""aGVsbG9=""#, #""!!""#],
        .textArray: [#"["b", "a", null]"#, "[]", #"["  Ada "]"#, #""solo""#],
        .integerArray: ["[1, 2.0, 3]", "[1.5]", "[]"],
        .decimalArray: [#"[1.50, "2.5"]"#, "[true]"],
        .uuidArray: [#"["5B1E0000-0000-4000-8000-0000000000AA"]"#, #"["x"]"#],
    ]

    /// System and unknown members a body may carry, as raw JSON.
    static let extras: [(String, [String])] = [
        (
            "id",
            [
                #""7c9e6679-7425-40de-944b-e07fc1f90ae7""#, #""7C9E6679-7425-40DE-944B-E07FC1F90AE7""#, "null",
                #""not-a-uuid""#, "12", #""\#(BulkCreateEquivalenceTests.existingID)""#,
            ]
        ),
        ("created_at", [#""2025-05-06T07:08:09.010Z""#, #""2025-05-06T07:08:09Z""#, "null", #""bad""#]),
        ("updated_at", [#""2025-06-07T08:09:10.011Z""#, "null", #""2025-06-07T10:09:10.5+02:00""#, "3"]),
        ("trashed_at", [#""2025-01-01T00:00:00.000Z""#, "7"]),
        ("deleted_at", ["null"]),
        ("access_read", [#"["20000000-0000-4000-8000-000000000002"]"#, "null", #"["x"]"#]),
        ("access_deny", ["[]"]),
        ("unknown_key", ["1"]),
        ("\\u0069d", [#""7c9e6679-7425-40de-944b-e07fc1f90ae8""#]),
    ]

    /// A create body for `model` as JSON text.
    static func body(for model: ModelInfo, _ random: inout SeededGenerator) -> String {
        var members: [String] = []
        for field in model.fields where !random.oneIn(4) {
            let pool = values[field.type] ?? ["null"]
            // Mostly the first spelling (wire form), so that many bodies are valid as a whole.
            let value =
                random.oneIn(10) ? "null" : random.oneIn(3) ? pool.randomElement(using: &random) ?? "null" : pool[0]
            members.append(#""\#(field.fieldName)":\#(value)"#)
        }
        for (key, pool) in extras {
            let odds = key == "id" ? 2 : 9
            guard random.oneIn(odds), let value = pool.randomElement(using: &random) else { continue }
            members.append(#""\#(key)":\#(value)"#)
        }
        if random.oneIn(3) { members.sort() } else { members.shuffle(using: &random) }
        let space = [" ", "", "\n  "]
        let separator = "," + (space.randomElement(using: &random) ?? "")
        return "{" + (space.randomElement(using: &random) ?? "") + members.joined(separator: separator) + "}"
    }
}
