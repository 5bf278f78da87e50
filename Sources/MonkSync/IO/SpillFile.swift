import Foundation

/// An anonymous temporary file (unlinked as soon as it is created): appended to, then read back.
///
/// Holds what must wait on disk rather than in memory: a patch's operations until its header is known,
/// and the canonical records of an unsorted JSONL stream.
final class SpillFile {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// Bytes written so far, buffered or not.
    private(set) var size = 0

    init() throws(SyncError) {
        var template = Array((NSTemporaryDirectory() + "/monk-spill-XXXXXX").utf8CString)
        descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else {
            throw SyncError(code: .io, message: "cannot create a temporary file: \(FileReader.reason(errno))")
        }
        template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
    }

    deinit { close(descriptor) }

    /// Appends `bytes`.
    func write(_ bytes: some Collection<UInt8>) throws(SyncError) {
        buffer.append(contentsOf: bytes)
        size += bytes.count
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends `bytes` and returns the offset where they start.
    func append(_ bytes: [UInt8]) throws(SyncError) -> Int {
        let offset = size
        try write(bytes)
        return offset
    }

    /// The `count` bytes written at `offset`.
    func bytes(at offset: Int, count: Int) throws(SyncError) -> [UInt8] {
        if !buffer.isEmpty { try flush() }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let read = bytes[done...].withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset + done))
            }
            guard read > 0 else { throw SyncError(code: .io, message: "cannot read a temporary file") }
            done += read
        }
        return bytes
    }

    /// Passes everything written so far to `body`, in chunks.
    func copy(_ body: (ArraySlice<UInt8>) throws(SyncError) -> Void) throws(SyncError) {
        try flush()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var offset = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            guard count >= 0 else { throw SyncError(code: .io, message: "cannot read a temporary file") }
            if count == 0 { return }
            try body(chunk[0..<count])
            offset += count
        }
    }

    /// Writes out what is buffered, so later reads need not change the file.
    func flush() throws(SyncError) {
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { throw SyncError(code: .io, message: "cannot write a temporary file") }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
