import MonkCore

/// Writes a JSONL file of canonical lines atomically: nothing appears at ``path`` until ``close()`` has
/// fsynced the temporary file and renamed it into place.
///
/// ``write(_:)`` appends a value's canonical encoding and a `\n`; ``write(line:)`` appends one already-encoded
/// JSON text (records travel through monk as canonical bytes, DESIGN.md §2, so they are written as they are). A writer dropped without ``close()``, or
/// after a failed write, leaves the previous file (if any) untouched and no temporary file behind.
///
/// The calls block: async callers run the writer on their own thread, never on Swift's cooperative pool.
///
/// ```swift
/// let writer = try JSONLFileWriter(path: "backup/users.jsonl")
/// for record in records { try writer.write(record) }    // or write(line:) with canonical bytes at hand
/// try writer.close()
/// ```
package final class JSONLFileWriter {
    private let file: AtomicFileWriter
    private let encoder = CanonicalEncoder()
    /// Reused for each encoded value, so writing allocates once per file rather than once per line.
    private var scratch: [UInt8] = []
    /// Lines written so far.
    package private(set) var lineCount = 0

    /// The file that ``close()`` creates or replaces.
    package var path: String { file.path }

    /// Starts writing `path` (through a temporary file beside it) with permission bits `mode`.
    ///
    /// - Throws: ``ArchiveError`` (`.notFound` when the directory does not exist, else `.io`).
    package init(path: String, mode: UInt32 = 0o644) throws(ArchiveError) {
        file = try AtomicFileWriter(path: path, mode: mode)
    }

    /// Appends one JSON text as the next line.
    ///
    /// - Parameter bytes: One JSON text, normally canonical; it must not contain a line break.
    /// - Throws: ``ArchiveError`` `.invalidData` (`users.jsonl:12: …`) when `bytes` is empty or holds a line
    ///   break, `.io` when the disk refuses it; either way the writer is discarded.
    package func write(line bytes: some Collection<UInt8>) throws(ArchiveError) {
        let number = lineCount + 1
        if bytes.isEmpty || bytes.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
            file.discard()
            let problem = bytes.isEmpty ? "an empty line" : "a line break inside a line"
            throw ArchiveError(code: .invalidData, message: "\(path):\(number): cannot write \(problem)")
        }
        try file.write(bytes)
        try file.write(CollectionOfOne(UInt8(ascii: "\n")))
        lineCount = number
    }

    /// Appends the canonical encoding of `value` as the next line.
    ///
    /// - Throws: ``ArchiveError`` `.io` when the disk refuses it; the writer is then discarded.
    package func write(_ value: JSONValue) throws(ArchiveError) {
        scratch.removeAll(keepingCapacity: true)
        encoder.encode(value, into: &scratch)
        scratch.append(UInt8(ascii: "\n"))
        try file.write(scratch)
        lineCount += 1
    }

    /// Flushes, fsyncs and renames the file into place.
    ///
    /// - Throws: ``ArchiveError`` (`.io`); the previous file at ``path`` is then unchanged.
    package func close() throws(ArchiveError) {
        try file.commit()
    }

    /// Abandons the file: removes the temporary file and leaves ``path`` as it was.
    package func discard() {
        file.discard()
    }
}
