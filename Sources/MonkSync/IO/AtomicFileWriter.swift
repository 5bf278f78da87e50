import Foundation

/// Writes a file through a temporary file beside it, renamed over the target only on ``commit()``.
///
/// Readers never see a half-written file: until `commit`, the target keeps its old content, and a writer
/// released without committing removes its temporary file. Output is buffered (256 KiB).
///
/// ```swift
/// let writer = try AtomicFileWriter(path: "users.jsonl")
/// try writer.write(line); try writer.write([0x0A])
/// try writer.commit()
/// ```
final class AtomicFileWriter {
    /// The file that `commit` replaces.
    let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var isFinished = false
    private static let bufferLimit = 256 << 10

    /// Creates the temporary file (mode 0644) in the target's directory.
    ///
    /// - Throws: ``SyncError`` `.notFound` when the directory does not exist, `.io` when it is not writable.
    init(path: String) throws(SyncError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let name = ".\(url.lastPathComponent).monk-\(UInt32.random(in: 0...UInt32.max)).tmp"
        temporaryPath = url.deletingLastPathComponent().appendingPathComponent(name).path
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            throw SyncError(
                code: code == ENOENT ? .notFound : .io,
                message: "\(path): cannot create a temporary file: \(FileReader.reason(code))"
            )
        }
        buffer.reserveCapacity(Self.bufferLimit)
    }

    deinit {
        if !isFinished { discard() }
    }

    /// Appends `bytes`.
    func write(_ bytes: some Collection<UInt8>) throws(SyncError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferLimit { try flush() }
    }

    /// Appends the UTF-8 of `text`.
    func write(_ text: String) throws(SyncError) { try write(text.utf8) }

    /// Flushes, syncs and renames the temporary file over the target.
    func commit() throws(SyncError) {
        try flush()
        let synced = fsync(descriptor) == 0
        close(descriptor)
        isFinished = true
        guard synced, rename(temporaryPath, path) == 0 else {
            let reason = FileReader.reason(errno)
            unlink(temporaryPath)
            throw SyncError(code: .io, message: "\(path): cannot replace the file: \(reason)")
        }
    }

    /// Removes the temporary file; the target stays as it was.
    func discard() {
        guard !isFinished else { return }
        isFinished = true
        close(descriptor)
        unlink(temporaryPath)
    }

    private func flush() throws(SyncError) {
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw SyncError(code: .io, message: "\(path): write failed: \(FileReader.reason(errno))")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
