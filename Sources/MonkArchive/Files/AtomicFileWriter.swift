#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file all or nothing: bytes go to a temporary file beside the target, which is fsynced and renamed
/// over the target on ``commit()``; readers see the old file or the complete new one, never a half-written one.
///
/// The temporary file (`.<name>.<random>.tmp` in the target's directory, so the rename stays on one file system)
/// is created with `O_EXCL` and given exactly `mode` (the umask does not apply), so a token file can be 0600
/// from its first byte. A failed write, a failed commit, ``discard()`` or dropping an uncommitted writer
/// removes the temporary file and leaves the target untouched.
///
/// Writes are buffered (64 KiB). The calls block: async callers run the writer on their own thread, never on
/// Swift's cooperative pool. One writer belongs to one thread at a time.
///
/// ```swift
/// try AtomicFileWriter.write(to: "/home/me/.config/monk/sessions.json", mode: 0o600) { file in
///     try file.write(Array(json.utf8))
/// }
/// ```
package final class AtomicFileWriter {
    /// The file that ``commit()`` creates or replaces.
    package let path: String
    private let temporaryPath: String
    private let directory: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private static let bufferCapacity = 64 * 1024

    /// Creates the temporary file for `path` with permission bits `mode`.
    ///
    /// - Throws: ``ArchiveError`` (`.notFound` when the directory does not exist, else `.io`).
    package init(path: String, mode: UInt32 = 0o644) throws(ArchiveError) {
        self.path = path
        let (directory, name) = POSIXFile.split(path)
        self.directory = directory
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        temporaryPath = (directory == "." ? "" : directory + (directory == "/" ? "" : "/")) + ".\(name).\(suffix).tmp"
        descriptor = try POSIXFile.openFile(
            temporaryPath,
            flags: O_WRONLY | O_CREAT | O_EXCL,
            mode: 0o600,
            action: "create a temporary file",
            displayPath: path
        )
        if fchmod(descriptor, mode_t(mode)) != 0 {
            let code = errno
            discard()
            throw POSIXFile.error(path, "set the file mode", errno: code)
        }
        buffer.reserveCapacity(Self.bufferCapacity)
    }

    deinit { discard() }

    /// Whether the writer still accepts bytes (not yet committed or discarded).
    package var isOpen: Bool { descriptor >= 0 }

    /// Appends `bytes`; on failure the temporary file is removed and the writer is closed.
    ///
    /// - Throws: ``ArchiveError`` (`.io`) when the disk refuses the write or the writer is closed.
    package func write(_ bytes: some Collection<UInt8>) throws(ArchiveError) {
        guard isOpen else { throw closedError() }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferCapacity { try flush() }
    }

    /// Flushes, fsyncs and renames the temporary file over ``path``, then syncs the directory.
    ///
    /// - Throws: ``ArchiveError`` (`.io`); the temporary file is gone and the target unchanged unless the
    ///   failure came from the final directory sync, after the rename.
    package func commit() throws(ArchiveError) {
        guard isOpen else { throw closedError() }
        try flush()
        do throws(ArchiveError) {
            try POSIXFile.syncFile(descriptor, path: path)
        } catch {
            discard()
            throw error
        }
        close(descriptor)
        descriptor = -1
        guard rename(temporaryPath, path) == 0 else {
            let code = errno
            unlink(temporaryPath)
            throw POSIXFile.error(path, "rename the temporary file into place", errno: code)
        }
        try POSIXFile.syncDirectory(directory)
    }

    /// Closes and removes the temporary file without touching ``path``; does nothing once committed.
    package func discard() {
        guard isOpen else { return }
        close(descriptor)
        descriptor = -1
        buffer = []
        unlink(temporaryPath)
    }

    private func flush() throws(ArchiveError) {
        guard !buffer.isEmpty else { return }
        let failure: ArchiveError? = buffer.withUnsafeBytes { bytes in
            do throws(ArchiveError) {
                try POSIXFile.writeAll(descriptor, bytes, path: path)
                return nil
            } catch {
                return error
            }
        }
        if let failure {
            discard()
            throw failure
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func closedError() -> ArchiveError {
        ArchiveError(code: .io, message: "\(path): the file was already committed or discarded")
    }
}

extension AtomicFileWriter {
    /// Writes a file with `body` and commits it if `body` returns; if `body` throws, the target is untouched.
    ///
    /// - Parameters:
    ///   - path: The file to create or replace.
    ///   - mode: Its permission bits, e.g. `0o600` for tokens.
    ///   - body: Writes the content; the writer must not escape it.
    /// - Throws: ``ArchiveError`` from the file system, or whatever `body` throws.
    package static func write(to path: String, mode: UInt32 = 0o644, _ body: (AtomicFileWriter) throws -> Void) throws {
        let writer = try AtomicFileWriter(path: path, mode: mode)
        do {
            try body(writer)
            try writer.commit()
        } catch {
            writer.discard()
            throw error
        }
    }

    /// Replaces `path` with `bytes` atomically.
    package static func write(_ bytes: some Collection<UInt8>, to path: String, mode: UInt32 = 0o644)
        throws(ArchiveError)
    {
        let writer = try AtomicFileWriter(path: path, mode: mode)
        try writer.write(bytes)
        try writer.commit()
    }
}
