/// Splits JSONL bytes fed in chunks into lines, with 1-based line numbers and a bound on line length.
///
/// Lines end at `\n`; one `\r` before it is dropped; blank lines (empty or only spaces, tabs and `\r`) are
/// skipped but counted; a last line without `\n` is returned once the input is marked finished. The buffer
/// holds at most one line plus one chunk, and a line longer than the limit fails as soon as the limit is passed,
/// so memory stays bounded whatever the input.
///
/// ```swift
/// var splitter = JSONLLineSplitter(maximumLineLength: 1 << 20)
/// splitter.append(chunk)
/// while let line = try splitter.nextLine() { handle(line.number, line.bytes) }
/// ```
struct JSONLLineSplitter {
    /// A line longer than the limit; `line` is its 1-based number.
    struct LineTooLong: Error {
        var line: Int
    }

    let maximumLineLength: Int
    private var buffer: [UInt8] = []
    /// Index of the first byte not yet returned.
    private var start = 0
    /// Bytes from `start` already searched for `\n`, so a long line is scanned once, not once per chunk.
    private var scanned = 0
    private var isFinished = false
    /// Number of the last line consumed (blank ones included).
    private(set) var lineNumber = 0

    init(maximumLineLength: Int) {
        self.maximumLineLength = maximumLineLength
    }

    /// Adds the next chunk of input.
    mutating func append(_ chunk: some Collection<UInt8>) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: chunk)
    }

    /// Marks the end of input, so a last line without `\n` can be returned.
    mutating func finish() { isFinished = true }

    /// The next non-blank line, or `nil` when more input is needed (or, after ``finish()``, when none is left).
    mutating func nextLine() throws(LineTooLong) -> (number: Int, bytes: [UInt8])? {
        while true {
            let searchFrom = start + scanned
            let end: Int
            let next: Int
            if let newline = buffer[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
                (end, next) = (newline, newline + 1)
            } else if isFinished && start < buffer.count {
                (end, next) = (buffer.count, buffer.count)
            } else {
                scanned = buffer.count - start
                if scanned > maximumLineLength { throw LineTooLong(line: lineNumber + 1) }
                return nil
            }
            lineNumber += 1
            var lineEnd = end
            if lineEnd > start && buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            let line = buffer[start..<lineEnd]
            start = next
            scanned = 0
            if line.count > maximumLineLength { throw LineTooLong(line: lineNumber) }
            if line.allSatisfy(Self.isBlank) { continue }
            return (lineNumber, Array(line))
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}
