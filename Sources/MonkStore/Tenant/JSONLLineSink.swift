/// Where ``TenantTransaction/jsonlPage(in:query:into:)`` puts its lines: storage that lets a line be written
/// straight into it, so a streamed page is written once, into the buffer that goes to the socket.
///
/// `monk serve` conforms NIO's `ByteBuffer`; `[UInt8]` conforms for everything else.
package protocol JSONLLineSink {
    /// Appends one line that `write` writes to the memory it is given, which has room for `maximumCount`
    /// bytes; `write` returns how many it wrote.
    mutating func appendLine(maximumCount: Int, _ write: (UnsafeMutableRawPointer) -> Int)
}

extension Array: JSONLLineSink where Element == UInt8 {
    /// Appends the line through a temporary buffer.
    package mutating func appendLine(maximumCount: Int, _ write: (UnsafeMutableRawPointer) -> Int) {
        withUnsafeTemporaryAllocation(byteCount: maximumCount, alignment: 1) { buffer in
            guard let start = buffer.baseAddress else { return }
            append(contentsOf: UnsafeRawBufferPointer(start: start, count: write(start)))
        }
    }
}
