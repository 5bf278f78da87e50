import Foundation

/// Writes a patch file as a stream (DESIGN.md §7): operations as they come, the header once the counts
/// are known, all through a temporary file renamed over `path` by ``finish(header:)``.
///
/// Operations go to an anonymous spill file first, because the header (counts, checksums) comes before them
/// but is known only at the end; memory holds one line at a time. A writer released without `finish`
/// leaves `path` untouched.
///
/// ```swift
/// let writer = try PatchWriter(path: "change.patch")
/// let summary = try await Differ(selection: selection).diff(source, against: destination, into: writer)
/// try writer.finish(header: PatchHeader(…, summary: summary))
/// ```
package final class PatchWriter: OperationSink {
    /// The patch file being written.
    package let path: String
    private let output: AtomicFileWriter
    private let spill: SpillFile
    private var count = 0

    /// Prepares to write `path`.
    ///
    /// - Throws: ``SyncError`` `.notFound` when the directory does not exist, `.io` when it is not writable.
    package init(path: String) throws(SyncError) {
        self.path = path
        output = try AtomicFileWriter(path: path)
        spill = try SpillFile()
    }

    package func write(_ operation: PatchOperation) async throws {
        if count > 0 { try spill.write(",\n".utf8) }
        try spill.write(PatchEncoding.line(for: operation))
        count += 1
    }

    /// Writes the header, the operations and the closing lines, and renames the file into place.
    package func finish(header: PatchHeader) throws(SyncError) {
        try output.write(PatchEncoding.header(header, isEmpty: count == 0))
        if count > 0 {
            try spill.copy { chunk throws(SyncError) in try output.write(chunk) }
            try output.write(PatchEncoding.footer)
        }
        try output.commit()
    }
}
