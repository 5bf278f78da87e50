import MonkCore
import MonkSync

/// The `side-by-side` format: per changed record a title line, then the destination's pretty JSON on the
/// left and the source's on the right, with `|` between changed lines, `<` and `>` beside lines only one
/// side has.
struct SideBySideRenderer {
    let source: String
    let destination: String
    /// The total width to fill (at least 40 columns are used).
    let width: Int

    /// The line above the first record: which side is which.
    var banner: String { "left: \(destination) (destination)   right: \(source) (source)\n" }

    /// The text for one operation, ending in a newline.
    func render(_ operation: PatchOperation) throws -> String {
        let column = (max(width, 40) - 3) / 2
        var rows: [(String, Character, String)] = []
        switch operation {
        case .insert(_, let record):
            rows = try LineDiff.prettyLines(record.bytes).map { ("", ">", $0) }
        case .delete(_, let record):
            rows = try LineDiff.prettyLines(record.bytes).map { ($0, "<", "") }
        case .update(_, let old, let new, _):
            rows = Self.pair(LineDiff.lines(try LineDiff.prettyLines(old.bytes), try LineDiff.prettyLines(new.bytes)))
        }
        let title = "\(operation.kind.rawValue) \(operation.model)/\(operation.id)"
        var lines = [title]
        for (left, mark, right) in rows {
            lines.append(Self.fit(left, column) + " \(mark) " + Self.fit(right, column))
        }
        return lines.map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
            .joined(separator: "\n") + "\n"
    }

    /// Rows from a line diff: removals and additions next to each other become `|` rows.
    private static func pair(_ lines: [LineDiff.Line]) -> [(String, Character, String)] {
        var rows: [(String, Character, String)] = []
        var removed: [String] = []
        var added: [String] = []
        func flush() {
            for index in 0..<max(removed.count, added.count) {
                let left = index < removed.count ? removed[index] : ""
                let right = index < added.count ? added[index] : ""
                let mark: Character =
                    index < removed.count && index < added.count ? "|" : (index < removed.count ? "<" : ">")
                rows.append((left, mark, right))
            }
            removed = []
            added = []
        }
        for line in lines {
            switch line {
            case .same(let content):
                flush()
                rows.append((content, " ", content))
            case .removed(let content): removed.append(content)
            case .added(let content): added.append(content)
            }
        }
        flush()
        return rows
    }

    /// `text` cut or padded to `width` characters; cut text ends in `…`.
    private static func fit(_ text: String, _ width: Int) -> String {
        if text.count > width { return String(text.prefix(width - 1)) + "…" }
        return text + String(repeating: " ", count: width - text.count)
    }
}
