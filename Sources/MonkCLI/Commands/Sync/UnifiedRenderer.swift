import MonkCore
import MonkSync

/// The `unified` format: per changed record a `---`/`+++` header and `-`/`+` lines of pretty JSON, the
/// destination as `---` (before) and the source as `+++` (after).
struct UnifiedRenderer {
    let source: String
    let destination: String

    /// The text for one operation, ending in a newline.
    func render(_ operation: PatchOperation) throws -> String {
        let name = "\(operation.model)/\(operation.id)"
        let lines: [LineDiff.Line]
        var header: (String, String)
        switch operation {
        case .insert(_, let record):
            header = ("/dev/null", "\(source) \(name)")
            lines = try LineDiff.prettyLines(record.bytes).map(LineDiff.Line.added)
        case .delete(_, let record):
            header = ("\(destination) \(name)", "/dev/null")
            lines = try LineDiff.prettyLines(record.bytes).map(LineDiff.Line.removed)
        case .update(_, let old, let new, _):
            header = ("\(destination) \(name)", "\(source) \(name)")
            lines = LineDiff.lines(try LineDiff.prettyLines(old.bytes), try LineDiff.prettyLines(new.bytes))
        }
        var text = "--- \(header.0)\n+++ \(header.1)\n"
        for line in lines {
            switch line {
            case .same(let content): text += " \(content)\n"
            case .removed(let content): text += "-\(content)\n"
            case .added(let content): text += "+\(content)\n"
            }
        }
        return text
    }
}
