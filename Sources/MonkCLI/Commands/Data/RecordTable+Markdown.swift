import Foundation

extension RecordTable {
    /// The table as a GitHub-flavoured Markdown table: a header row, a `---` row, one row per record.
    /// Pipes in cells are escaped (`\|`), line breaks become `<br>`, and empty cells stay empty.
    var markdown: String {
        var text = Self.markdownRow(columns)
        text += Self.markdownRow(columns.map { _ in "---" })
        for row in rows {
            text += Self.markdownRow(row.map { $0 ?? "" })
        }
        return text
    }

    /// One row, `| a | b |` and a newline.
    static func markdownRow(_ cells: [String]) -> String {
        "| " + cells.map(markdownCell).joined(separator: " | ") + " |\n"
    }

    /// One cell's text with pipes escaped and line breaks as `<br>`.
    static func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: "<br>")
            .replacingOccurrences(of: "\n", with: "<br>")
            .replacingOccurrences(of: "\r", with: "<br>")
    }
}
