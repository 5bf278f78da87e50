import MonkCore

/// A line-level diff of two short texts (the pretty JSON of one record's two versions), by longest common
/// subsequence.
enum LineDiff {
    /// One line of the result.
    enum Line: Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The largest `old.count × new.count` compared line by line; larger pairs show as removed then added.
    static let cellLimit = 4_000_000

    /// The lines of `old` and `new` in order, each marked same, removed or added.
    static func lines(_ old: [String], _ new: [String]) -> [Line] {
        guard old.count * new.count <= cellLimit else { return old.map(Line.removed) + new.map(Line.added) }
        let columns = new.count + 1
        var lengths = [Int](repeating: 0, count: (old.count + 1) * columns)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                lengths[i * columns + j] =
                    old[i] == new[j]
                    ? lengths[(i + 1) * columns + j + 1] + 1
                    : max(lengths[(i + 1) * columns + j], lengths[i * columns + j + 1])
            }
        }
        var result: [Line] = []
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                result.append(.same(old[i]))
                i += 1
                j += 1
            } else if i < old.count, j == new.count || lengths[(i + 1) * columns + j] >= lengths[i * columns + j + 1] {
                result.append(.removed(old[i]))
                i += 1
            } else {
                result.append(.added(new[j]))
                j += 1
            }
        }
        return result
    }

    /// The pretty JSON lines of a record's canonical bytes.
    static func prettyLines(_ bytes: [UInt8]) throws -> [String] {
        let text = try JSONParser.parse(bytes).prettyString
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
}
