/// Splits a stream of JSONL bytes into lines, with memory bounded by one chunk plus the longest line.
///
/// The reader does no I/O itself: the caller supplies a `read` closure that fills the buffer it is given (up to
/// ``chunkSize`` bytes, 1 MiB by default) and returns how many bytes it wrote, 0 at the end of the input — the
/// shape of POSIX `read(2)`. Lines end in `\n` or `\r\n`; blank lines (empty or only spaces, tabs and `\r`) are
/// skipped but still counted, so line numbers are the 1-based physical line numbers a text editor shows. A line
/// may be longer than a chunk; one longer than ``maximumLineLength`` is a ``JSONError`` with code `.tooLarge`.
///
/// ```swift
/// var reader = JSONLReader { buffer in try file.read(into: buffer) }
/// while let line = try reader.next() {
///     let record = try records.record(from: line.bytes)      // errors name `line.number`
/// }
/// ```
///
/// `Line.bytes` shares the reader's buffer. Use it before the next call to ``next()``; a slice kept longer
/// stays valid but makes the reader copy its buffer.
package struct JSONLReader {
    /// One non-blank line, without its line ending.
    package struct Line {
        /// The 1-based line number.
        package var number: Int
        /// The line's bytes, without `\n` or `\r\n`.
        package var bytes: ArraySlice<UInt8>
    }

    /// Fills the given buffer with up to `buffer.count` bytes and returns how many it wrote (0 = end of input).
    package typealias Read = (UnsafeMutableRawBufferPointer) throws -> Int

    /// The default chunk size: 1 MiB.
    package static let defaultChunkSize = 1 << 20
    /// The default line limit: 64 MiB.
    package static let defaultMaximumLineLength = 64 << 20

    /// The most bytes asked of `read` per call.
    package let chunkSize: Int
    /// The longest line accepted, in bytes (without its line ending).
    package let maximumLineLength: Int

    private let read: Read
    private var storage: [UInt8] = []
    /// Unconsumed bytes are `storage[start..<end]`; `storage[start..<scanned]` holds no line feed.
    private var start = 0
    private var end = 0
    private var scanned = 0
    private var lineNumber = 0
    /// Stream offset of `storage[0]`.
    private var discarded = 0
    private var isFinished = false

    /// - Parameters:
    ///   - chunkSize: the most bytes asked of `read` per call (at least 1).
    ///   - maximumLineLength: the longest line accepted, in bytes.
    ///   - read: fills a buffer and returns the byte count, 0 at the end; errors it throws pass through.
    package init(
        chunkSize: Int = JSONLReader.defaultChunkSize,
        maximumLineLength: Int = JSONLReader.defaultMaximumLineLength,
        read: @escaping Read
    ) {
        self.chunkSize = max(chunkSize, 1)
        self.maximumLineLength = max(maximumLineLength, 0)
        self.read = read
    }

    /// The next non-blank line, or `nil` at the end of the input.
    ///
    /// - Throws: ``JSONError`` (`.tooLarge`) for a line over the limit, or whatever `read` throws.
    package mutating func next() throws -> Line? {
        guard let (number, range) = try nextRange() else { return nil }
        return Line(number: number, bytes: storage[range])
    }

    /// Calls `body` with the next non-blank line's number and bytes, or returns `nil` at the end of the input.
    ///
    /// The same lines as ``next()``, without an `ArraySlice` per line (whose retain and release a diff paid on
    /// every record). `bytes` is valid only inside `body`.
    ///
    /// - Throws: what ``next()`` throws, and what `body` throws.
    package mutating func withNextLine<Result>(
        _ body: (_ number: Int, _ bytes: UnsafeRawBufferPointer) throws -> Result
    ) throws -> Result? {
        guard let (number, range) = try nextRange() else { return nil }
        return try storage.withUnsafeBytes { raw in try body(number, UnsafeRawBufferPointer(rebasing: raw[range])) }
    }

    /// The next non-blank line's number and where its bytes lie in `storage`, or `nil` at the end.
    private mutating func nextRange() throws -> (Int, Range<Int>)? {
        while true {
            if let newline = firstLineFeed() {
                let lineStart = start
                start = newline + 1
                scanned = start
                lineNumber += 1
                if let line = try line(from: lineStart, to: newline) { return line }
                continue
            }
            scanned = end
            if end - start > maximumLineLength { throw tooLarge(line: lineNumber + 1, at: start) }
            if isFinished {
                guard start < end else { return nil }
                let lineStart = start
                start = end
                lineNumber += 1
                return try line(from: lineStart, to: end)
            }
            try fill()
        }
    }

    /// The line `storage[from..<to]` without a trailing `\r`, or `nil` when it is blank.
    private func line(from lineStart: Int, to lineEnd: Int) throws -> (Int, Range<Int>)? {
        var lineEnd = lineEnd
        if lineEnd > lineStart && storage[lineEnd - 1] == ASCII.carriageReturn { lineEnd -= 1 }
        guard lineEnd - lineStart <= maximumLineLength else { throw tooLarge(line: lineNumber, at: lineStart) }
        // Almost every line starts with `{`; only a line starting with blank bytes is scanned further.
        let first = lineEnd > lineStart ? storage[lineStart] : ASCII.space
        let isBlank =
            first <= ASCII.space
            && storage[lineStart..<lineEnd].allSatisfy {
                $0 == ASCII.space || $0 == ASCII.tab || $0 == ASCII.carriageReturn
            }
        return isBlank ? nil : (lineNumber, lineStart..<lineEnd)
    }

    /// The offset of the first `\n` in `storage[scanned..<end]`, searched eight bytes at a time.
    private func firstLineFeed() -> Int? {
        storage.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            var index = scanned
            let end = end
            while index &+ 8 <= end {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let mask = Self.lineFeedMask(word)
                if mask != 0 { return index &+ (mask.trailingZeroBitCount &>> 3) }
                index &+= 8
            }
            while index < end {
                if base[index] == ASCII.lineFeed { return index }
                index &+= 1
            }
            return nil
        }
    }

    /// A mask whose lowest set bit is the high bit of the first `\n` among the eight bytes of `word` (first =
    /// least significant); 0 when there is none. Bits above the first hit may be spurious.
    @inline(__always)
    private static func lineFeedMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let x = word ^ (ones &* UInt64(ASCII.lineFeed))
        return (x &- ones) & ~x & (ones &* 0x80)
    }

    /// Moves the unconsumed bytes to the front and asks `read` for one more chunk.
    private mutating func fill() throws {
        let pending = end - start
        if start > 0 {
            let from = start
            storage.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress else { return }
                base.copyMemory(from: base + from, byteCount: pending)
            }
            discarded += from
            start = 0
            end = pending
            scanned -= from
        }
        if storage.count < end + chunkSize {
            // An Array of zeros is filled by the (optimized) standard library; appending `repeatElement`
            // goes element by element through generic code, which costs a debug build ~0.1 s per reader.
            storage.append(contentsOf: [UInt8](repeating: 0, count: end + chunkSize - storage.count))
        }
        let offset = end
        let size = chunkSize
        let count = try storage.withUnsafeMutableBytes { raw in
            try read(UnsafeMutableRawBufferPointer(rebasing: raw[offset..<(offset + size)]))
        }
        precondition(count >= 0 && count <= size, "JSONLReader: read returned \(count) for a \(size)-byte buffer")
        if count == 0 { isFinished = true } else { end += count }
    }

    /// The error for line `line`, which starts at `storage[lineStart]`.
    private func tooLarge(line: Int, at lineStart: Int) -> JSONError {
        JSONError(
            code: .tooLarge,
            message: "line \(line) is longer than \(maximumLineLength) bytes",
            line: line,
            column: 1,
            offset: discarded + lineStart
        )
    }
}
