/// A patch file's operations as one apply pass reads them: reversed for `-R`, and renamed to the
/// destination's model when a single-model patch meets a single-model destination under another name.
///
/// Each pass opens its own stream, so a two-pass apply holds one operation at a time.
package final class PatchStream {
    /// The header, reversed for `-R`.
    package let header: PatchHeader
    private let reader: PatchReader
    private let isReversed: Bool
    private let rename: String?

    /// Opens `path`.
    ///
    /// - Parameters:
    ///   - reversed: undo the patch instead of applying it.
    ///   - renamingTo: the model every operation is renamed to, or `nil` to keep their names.
    package init(path: String, reversed: Bool, renamingTo rename: String? = nil) throws {
        reader = try PatchReader(path: path)
        isReversed = reversed
        header = reversed ? reader.header.reversed() : reader.header
        self.rename = rename
    }

    /// The models the patch changes, as its destination names them.
    package var models: [String] { header.destination.models }

    /// Reads past the first `count` operations (those a checkpoint says were applied already).
    package func skip(_ count: Int) throws {
        var left = count
        while left > 0, try reader.next() != nil { left -= 1 }
    }

    /// The next operation, or `nil` after the last.
    package func next() throws -> PatchOperation? {
        guard var operation = try reader.next() else { return nil }
        if isReversed { operation = try operation.reversed() }
        if let rename { operation = operation.renamed(to: rename) }
        return operation
    }
}
