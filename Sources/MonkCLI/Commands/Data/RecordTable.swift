import MonkCore

/// Records laid out as a table for the `csv` and `markdown` export formats: one column per key, `id` first,
/// the other keys in UTF-8 byte order (the union over all records), one row per record.
///
/// A cell is the record's value for the column as text: strings as they are, numbers in canonical spelling,
/// `true`/`false`, nested arrays and objects as canonical JSON text, and nothing for `null` or a missing key.
///
/// ```swift
/// let table = RecordTable(records)
/// let csv = table.csv           // header row, then one line per record
/// let markdown = table.markdown // | id | name |, | --- | --- |, rows
/// ```
struct RecordTable: Sendable, Equatable {
    /// Column names, `id` first.
    let columns: [String]
    /// One row of cells per record, in record order; `nil` for `null` or missing.
    let rows: [[String?]]

    /// Lays out `records`; values that are not objects become rows of empty cells.
    init(_ records: [JSONValue]) {
        var keys = Set<String>()
        for record in records {
            if case .object(let object) = record { keys.formUnion(object.keys) }
        }
        let others = keys.subtracting(["id"]).sorted(by: JSONObject.precedes)
        let columns = (keys.contains("id") || keys.isEmpty ? ["id"] : []) + others
        self.columns = columns
        rows = records.map { record in
            columns.map { column in record[column].flatMap(Self.cell) }
        }
    }

    /// The text of one value, or `nil` for `null`.
    static func cell(_ value: JSONValue) -> String? {
        switch value {
        case .null: nil
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .number, .array, .object: value.canonicalString
        }
    }
}
