import Foundation

/// Reads a child's pipe on a dedicated thread with plain blocking reads, handing each chunk to `onChunk`
/// until the writer closes its end.
///
/// Used instead of `FileHandle.readabilityHandler`: that installs a libdispatch read source per handle, and
/// installing and tearing those down from many parallel tests corrupts libdispatch's epoll bookkeeping on
/// Linux (swift-corelibs-libdispatch#949); the test process then dies with SIGSEGV in
/// `_dispatch_event_loop_drain`. A thread blocked in `read(2)` involves no dispatch source at all.
///
/// ```swift
/// let child = try SpawnedProcess(MonkProcess.executable.path, ["serve"], stdout: .pipe)
/// PipeReader.start(child.stdout!) { text in output.withLock { $0 += text } }
/// ```
package enum PipeReader {
    /// Starts the reading thread over the read end `descriptor`, which it closes at the end; `onChunk` runs on
    /// it, once per chunk, with the bytes decoded as UTF-8.
    package static func start(_ descriptor: Int32, onChunk: @escaping @Sendable (String) -> Void) {
        Thread { readChunks(descriptor) { onChunk(String(decoding: $0, as: UTF8.self)) } }.start()
    }

    /// Reads `descriptor` to its end with blocking reads, handing each chunk to `body`, then closes it (our
    /// read end only; the child has already closed its side).
    package static func readChunks(_ descriptor: Int32, _ body: (ArraySlice<UInt8>) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                body(buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(descriptor)
    }
}
