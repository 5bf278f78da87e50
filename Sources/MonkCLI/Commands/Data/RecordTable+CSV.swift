import Foundation

extension RecordTable {
    /// The table as CSV (RFC 4180 quoting, `\n` line ends): a header row of column names, then one line per
    /// record. A field is quoted when it holds a comma, a quote, a line break or leading/trailing spaces;
    /// quotes inside are doubled. `null` and missing values are empty fields.
    var csv: String {
        var text = columns.map(Self.csvField).joined(separator: ",") + "\n"
        for row in rows {
            text += row.map { Self.csvField($0 ?? "") }.joined(separator: ",") + "\n"
        }
        return text
    }

    /// One CSV field, quoted when needed.
    static func csvField(_ text: String) -> String {
        let needsQuotes =
            text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
