import Foundation
import MonkCore
import MonkSync

/// Prints a diff in one of the `sync diff` formats, reading the operations back from the patch file one at
/// a time (DESIGN.md §6).
struct DiffRendering {
    let console: Console
    /// The width `side-by-side` fills.
    let width: Int

    /// How many ids of each kind `detailed` lists.
    static let detailedLimit = 10

    /// Prints `format` for the patch at `path`, whose header the diff returned.
    func render(_ format: SyncDiffCommand.Format, patchAt path: String, header: PatchHeader) throws {
        switch format {
        case .summary:
            console.out(Self.summary(header))
        case .json:
            let reader = try FileChunks(path: path)
            while let chunk = try reader.next() { console.out(chunk) }
        case .detailed:
            console.out(Self.summary(header))
            try detailed(PatchReader(path: path), summary: header.summary)
        case .unified:
            let reader = try PatchReader(path: path)
            let renderer = UnifiedRenderer(source: header.source.endpoint, destination: header.destination.endpoint)
            while let operation = try reader.next() { console.out(try renderer.render(operation)) }
        case .sideBySide:
            let reader = try PatchReader(path: path)
            let renderer = SideBySideRenderer(
                source: header.source.endpoint,
                destination: header.destination.endpoint,
                width: width
            )
            if header.summary.changes > 0 { console.out(renderer.banner) }
            while let operation = try reader.next() { console.out(try renderer.render(operation)) }
        }
    }

    /// Counts with their share of all ids, between rule lines.
    static func summary(_ header: PatchHeader) -> String {
        let summary = header.summary
        let total = summary.unchanged + summary.changes
        func share(_ count: Int) -> String {
            let permille = total == 0 ? 0 : (count * 1000 + total / 2) / total
            return "\(count) \(count == 1 ? "record" : "records") (\(permille / 10).\(permille % 10)%)"
        }
        let rule = String(repeating: "━", count: 44)
        var lines = [
            "Sync Diff Summary",
            rule,
            "Source:              \(header.source.endpoint) \(models(header.source.models))",
            "Destination:         \(header.destination.endpoint) \(models(header.destination.models))",
            "Source records:      \(summary.sourceCount)",
            "Destination records: \(summary.destinationCount)",
            rule,
            "Changes:",
            "  ✓ Unchanged:       \(share(summary.unchanged))",
        ]
        if summary.inserts > 0 { lines.append("  + To insert:       \(share(summary.inserts))") }
        if summary.updates > 0 { lines.append("  ~ To update:       \(share(summary.updates))") }
        if summary.deletes > 0 { lines.append("  - To delete:       \(share(summary.deletes))") }
        lines.append(rule)
        lines.append(
            summary.isEqual
                ? "No differences: the compared fields are identical"
                : "Total changes: \(summary.changes) \(summary.changes == 1 ? "operation" : "operations")"
        )
        return lines.joined(separator: "\n") + "\n"
    }

    private static func models(_ models: [String]) -> String {
        "(" + (models.isEmpty ? "no models" : models.joined(separator: ", ")) + ")"
    }

    /// The first ids of each kind, in patch order, with what changed in updates.
    private func detailed(_ reader: PatchReader, summary: DiffSummary) throws {
        var shown: [PatchOperation.Kind: [String]] = [:]
        while let operation = try reader.next() {
            guard shown[operation.kind, default: []].count < Self.detailedLimit else { continue }
            var line = "\(operation.model)/\(operation.id)"
            if case .update(_, _, _, let change) = operation {
                let changed = change.patch.keys.filter { name in !change.removed.contains(name) }
                line += ": " + changed.joined(separator: ", ")
                if !change.removed.isEmpty {
                    line += (changed.isEmpty ? "" : "; ") + "removed " + change.removed.joined(separator: ", ")
                }
            }
            shown[operation.kind, default: []].append(line)
        }
        let kinds: [(PatchOperation.Kind, String, String, Int)] = [
            (.insert, "To insert", "+", summary.inserts),
            (.update, "To update", "~", summary.updates),
            (.delete, "To delete", "-", summary.deletes),
        ]
        for (kind, title, mark, count) in kinds where count > 0 {
            var text = "\n\(title) (\(count)):\n"
            for line in shown[kind, default: []] { text += "  \(mark) \(line)\n" }
            if count > Self.detailedLimit { text += "  … and \(count - Self.detailedLimit) more\n" }
            console.out(text)
        }
    }
}

/// A file's text in chunks of whole UTF-8 characters, for copying a patch to standard output.
private final class FileChunks {
    private let handle: FileHandle
    private var pending = Data()

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SyncError(code: .notFound, message: "\(path): cannot open the patch")
        }
        self.handle = handle
    }

    /// The next chunk of whole lines (the rest of the file at its end), or `nil` when nothing is left.
    func next() throws -> String? {
        while true {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty {
                defer { pending = Data() }
                return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self)
            }
            pending.append(chunk)
            // Cut after the last line feed, so no UTF-8 sequence is split between chunks.
            if let last = pending.lastIndex(of: 0x0A) {
                let text = String(decoding: pending[...last], as: UTF8.self)
                pending = Data(pending[(last + 1)...])
                return text
            }
        }
    }
}
