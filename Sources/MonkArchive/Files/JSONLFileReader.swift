#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a JSONL file line by line in 1 MiB chunks, with memory bounded by the longest line, not the file.
///
/// Lines follow API.md §0.3: `\n` separated, an optional `\r` before it, blank lines skipped (but counted, so
/// line numbers match what an editor shows). The reader hands out raw line bytes; parsing them is the caller's
/// job, and the caller's errors should name ``path`` and ``Line/number`` as `users.jsonl:12: …`.
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
    /// One non-blank line: its 1-based number and its bytes without the line ending.
    package struct Line: Sendable, Equatable {
        package var number: Int
        package var bytes: [UInt8]

        package init(number: Int, bytes: [UInt8]) {
            self.number = number
            self.bytes = bytes
        }
    }

    /// Bytes read from the file at a time.
    package static let chunkSize = 1 << 20
    /// The default longest line: the request body limit of API.md (64 MiB).
    package static let defaultMaximumLineLength = 64 << 20

    /// The file being read, as messages name it.
    package let path: String
    private var descriptor: Int32
    private var splitter: JSONLLineSplitter
    private var chunk: [UInt8]

    /// Opens `path` for reading.
    ///
    /// - Throws: ``ArchiveError`` (`.notFound`, or `.io` when it cannot be opened).
    package init(path: String, maximumLineLength: Int = defaultMaximumLineLength) throws(ArchiveError) {
        self.path = path
        descriptor = try POSIXFile.openFile(path, flags: O_RDONLY, action: "open")
        splitter = JSONLLineSplitter(maximumLineLength: maximumLineLength)
        chunk = [UInt8](repeating: 0, count: Self.chunkSize)
    }

    deinit { close() }

    /// The next non-blank line, or `nil` at the end of the file (which also closes it).
    ///
    /// - Throws: ``ArchiveError`` `.io` when reading fails, `.invalidData` (`users.jsonl:12: line longer than …`)
    ///   when a line exceeds the limit.
    package func next() throws(ArchiveError) -> Line? {
        while true {
            do throws(JSONLLineSplitter.LineTooLong) {
                if let line = try splitter.nextLine() { return Line(number: line.number, bytes: line.bytes) }
            } catch {
                close()
                let limit = splitter.maximumLineLength
                throw ArchiveError(
                    code: .invalidData,
                    message: "\(path):\(error.line): line longer than \(limit) bytes"
                )
            }
            guard descriptor >= 0 else { return nil }
            let result: Result<Int, ArchiveError> = chunk.withUnsafeMutableBytes { buffer in
                do throws(ArchiveError) {
                    return .success(try POSIXFile.readSome(descriptor, into: buffer, path: path))
                } catch {
                    return .failure(error)
                }
            }
            let count = try result.get()
            if count == 0 {
                splitter.finish()
                close()
            } else {
                splitter.append(chunk[..<count])
            }
        }
    }

    /// Calls `body` with every non-blank line in order, then closes the file.
    ///
    /// - Throws: What ``next()`` or `body` throws; reading stops at the first error.
    package func forEachLine(_ body: (Line) throws -> Void) throws {
        while let line = try next() { try body(line) }
    }

    /// Closes the file early; further ``next()`` calls return the lines already buffered, then `nil`.
    package func close() {
        guard descriptor >= 0 else { return }
        POSIXFile.closeFile(descriptor)
        descriptor = -1
        splitter.finish()
    }
}
