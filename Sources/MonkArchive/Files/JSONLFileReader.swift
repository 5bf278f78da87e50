import MonkCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a JSONL file line by line in 1 MiB chunks, with memory bounded by the longest line, not the file.
///
/// Lines follow API.md §0.3 through MonkCore's ``JSONLReader``: `\n` separated, an optional `\r` before it,
/// blank lines skipped but counted, so line numbers match what an editor shows. The reader hands out raw line
/// bytes; parsing them is the caller's job, and the caller's errors should name ``path`` and the line number
/// as `users.jsonl:12: …`.
///
/// The calls block: async callers run the reader on their own thread, never on Swift's cooperative pool.
///
/// ```swift
/// let reader = try JSONLFileReader(path: "users.jsonl")
/// while let line = try reader.next() {
///     let record = try parse(line.bytes)   // report "\(reader.path):\(line.number): …" on failure
/// }
/// ```
package final class JSONLFileReader {
    /// The file descriptor, shared with the read closure so that a closed reader never reads a reused number.
    private final class Descriptor {
        var value: Int32
        init(_ value: Int32) { self.value = value }
    }

    /// The file being read, as messages name it.
    package let path: String
    private let descriptor: Descriptor
    private var lines: JSONLReader

    /// Opens `path` for reading.
    ///
    /// - Parameters:
    ///   - maximumLineLength: The longest line accepted (default 64 MiB, the API body limit).
    ///   - chunkSize: Bytes read per `read(2)` call (default 1 MiB).
    /// - Throws: ``ArchiveError`` (`.notFound`, or `.io` when it cannot be opened).
    package init(
        path: String,
        maximumLineLength: Int = JSONLReader.defaultMaximumLineLength,
        chunkSize: Int = JSONLReader.defaultChunkSize
    ) throws(ArchiveError) {
        self.path = path
        let descriptor = Descriptor(try POSIXFile.openFile(path, flags: O_RDONLY, action: "open"))
        self.descriptor = descriptor
        lines = JSONLReader(chunkSize: chunkSize, maximumLineLength: maximumLineLength) { buffer in
            guard descriptor.value >= 0 else { return 0 }
            return try POSIXFile.readSome(descriptor.value, into: buffer, path: path)
        }
    }

    deinit { close() }

    /// The next non-blank line, or `nil` at the end of the file.
    ///
    /// `bytes` shares the reader's buffer: use it before the next call (a slice kept longer stays valid but
    /// makes the reader copy its buffer).
    ///
    /// - Throws: ``ArchiveError`` `.io` when reading fails, `.invalidData` (`users.jsonl:12: line longer than …`)
    ///   when a line exceeds the limit.
    package func next() throws(ArchiveError) -> JSONLReader.Line? {
        do {
            return try lines.next()
        } catch let error as ArchiveError {
            throw error
        } catch let error as JSONError {
            let problem = error.code == .tooLarge ? "line longer than \(lines.maximumLineLength) bytes" : error.message
            throw ArchiveError(code: .invalidData, message: "\(path):\(error.line): \(problem)")
        } catch {
            throw ArchiveError(code: .io, message: "\(path): cannot read: \(error)")
        }
    }

    /// Calls `body` with every non-blank line in order.
    ///
    /// - Throws: What ``next()`` or `body` throws; reading stops at the first error.
    package func forEachLine(_ body: (JSONLReader.Line) throws -> Void) throws {
        while let line = try next() { try body(line) }
    }

    /// Closes the file; later ``next()`` calls return what is already buffered, then `nil`.
    package func close() {
        guard descriptor.value >= 0 else { return }
        POSIXFile.closeFile(descriptor.value)
        descriptor.value = -1
    }
}
