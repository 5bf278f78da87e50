import MonkStore
import NIOCore

/// Streamed pages are written straight into the buffer that goes to the socket, with no copy in between.
extension ByteBuffer: JSONLLineSink {
    /// Appends one line that `write` writes in place, growing the buffer first when it lacks `maximumCount`
    /// bytes of room.
    package mutating func appendLine(maximumCount: Int, _ write: (UnsafeMutableRawPointer) -> Int) {
        writeWithUnsafeMutableBytes(minimumWritableBytes: maximumCount) { buffer in
            // `minimumWritableBytes` guarantees room, so the buffer has an address.
            write(buffer.baseAddress!)
        }
    }
}
