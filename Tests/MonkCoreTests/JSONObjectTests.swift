import MonkCore
import Testing

@Suite struct JSONObjectTests {
    @Test func missingKeyIsNilNotNull() {
        let object: JSONObject = ["a": 1, "b": .null]
        #expect(object["missing"] == nil)
        #expect(object["b"] == .some(.null))
        let value: JSONValue = ["a": 1]
        #expect(value["missing"] == nil)
    }

    @Test func keysSortByUTF8BytesAndCompareByBytes() {
        var object = JSONObject()
        for key in ["é", "e\u{301}", "Z", "a", "_"] { object[key] = .string(key) }
        #expect(
            object.keys.map { Array($0.utf8) }
                == object.keys.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        )
        #expect(object.count == 5)
        #expect(object["e\u{301}"] == .string("e\u{301}"))
    }

    @Test func assigningNilRemoves() {
        var object: JSONObject = ["a": 1, "b": 2]
        object["a"] = nil
        #expect(object.keys == ["b"])
        #expect(object.removeValue(forKey: "b") == .number(2))
        #expect(object.isEmpty)
    }
}
