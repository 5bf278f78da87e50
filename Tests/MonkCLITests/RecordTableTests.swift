import MonkCore
import MonkTestSupport
import Testing

@testable import MonkCLI

/// The `csv` and `markdown` export formats, checked against golden files.
@Suite struct RecordTableTests {
    static let records: [JSONValue] = [
        [
            "id": "0b3c2f7e-8a41-4c55-9a0e-3d7d4d1f6a10", "name": "Ada, Countess",
            "balance": .number(JSONNumber(uncheckedCanonical: "120.5")),
            "is_active": true, "tags": ["math", "poetry"], "note": "said \"hello\"\nthen left",
        ],
        ["id": "5b1e0000-0000-4000-8000-000000000001", "name": "Bob | Builder", "balance": 0, "phone": nil],
        ["id": "9a2c0000-0000-4000-8000-000000000002", "name": " padded ", "meta": ["k": [1, 2]]],
    ]

    @Test func columnsAreIdThenTheUnionOfKeysInByteOrder() {
        let table = RecordTable(Self.records)
        #expect(table.columns == ["id", "balance", "is_active", "meta", "name", "note", "phone", "tags"])
        #expect(table.rows[1][6] == nil)
        #expect(table.rows[2][3] == #"{"k":[1,2]}"#)
    }

    @Test func csvRendering() throws {
        try expectGolden(RecordTable(Self.records).csv, named: "export-records", ext: "csv")
    }

    @Test func markdownRendering() throws {
        try expectGolden(RecordTable(Self.records).markdown, named: "export-records", ext: "md")
    }

    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"x\"", "\"say \"\"x\"\"\""), ("line\nbreak", "\"line\nbreak\""),
        (" lead", "\" lead\""), ("", ""),
    ])
    func csvFieldsAreQuotedOnlyWhenNeeded(text: String, expected: String) {
        #expect(RecordTable.csvField(text) == expected)
    }

    @Test func emptyExportHasOnlyTheIdHeader() {
        #expect(RecordTable([]).csv == "id\n")
        #expect(RecordTable([]).markdown == "| id |\n| --- |\n")
    }
}
