import MonkCore
import Testing

@Suite struct FieldSelectionTests {
    static let record: JSONObject = [
        "id": "r1", "name": "Ada", "created_at": "t", "updated_at": "t", "trashed_at": nil, "deleted_at": nil,
        "access_read": ["u"], "access_deny": [], "accessible": true,
        "profile": ["city": "Berlin", "zip": "10115", "last_seen": "t", "inner": ["a": 1, "b": 2]],
    ]

    @Test func defaultDropsSystemFields() {
        let selected = FieldSelection.default.apply(to: Self.record)
        #expect(selected.keys == ["accessible", "id", "name", "profile"])
    }

    @Test func compareSystemFieldsKeepsEverything() {
        #expect(FieldSelection.everything.apply(to: Self.record) == Self.record)
    }

    @Test(arguments: [
        (["name"], ["id", "name"]),
        (["profile.city", "name"], ["id", "name", "profile"]),
        (["created_at"], ["created_at", "id"]),
        (["access_*"], ["access_deny", "access_read", "id"]),
        (["missing", "name.deeper"], ["id"]),
    ])
    func fieldsKeepOnlyNamedPathsAndID(fields: [String], keys: [String]) {
        let selected = FieldSelection(fields: fields).apply(to: Self.record)
        #expect(selected.keys == keys)
    }

    @Test func dottedPathsReachIntoObjects() {
        let kept = FieldSelection(fields: ["profile.inner.a", "profile.zip"]).apply(to: Self.record)
        #expect(JSONValue.object(kept) == ["id": "r1", "profile": ["inner": ["a": 1], "zip": "10115"]])
        let ignored = FieldSelection(ignoreFields: ["profile.last_seen", "profile.inner", "name", "id"])
            .apply(to: Self.record)
        #expect(
            JSONValue.object(ignored) == [
                "id": "r1", "accessible": true, "profile": ["city": "Berlin", "zip": "10115"],
            ]
        )
    }

    @Test func ignoreFieldsApplyWithSystemFieldsCompared() {
        let selection = FieldSelection(ignoreFields: ["name", "profile"], compareSystemFields: true)
        #expect(selection.apply(to: Self.record).keys.contains("created_at"))
        #expect(!selection.apply(to: Self.record).keys.contains("name"))
    }
}
