#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin, retrying wrappers over the POSIX calls MonkArchive's file types use, turning `errno` into
/// ``ArchiveError``s that name the file.
///
/// These calls block. The file types built on them are synchronous by design: async callers run them on their
/// own threads (a job, a dedicated thread or a `DispatchQueue`), never on Swift's cooperative pool.
enum POSIXFile {
    /// An error for a failed call on `path`: `.notFound` for `ENOENT`, else `.io`, with the system's reason.
    static func error(_ path: String, _ action: String, errno code: Int32) -> ArchiveError {
        let reason = String(cString: strerror(code))
        return ArchiveError(code: code == ENOENT ? .notFound : .io, message: "\(path): cannot \(action): \(reason)")
    }

    /// Opens `path`, retrying on `EINTR`; errors name `displayPath` (default `path`).
    static func openFile(
        _ path: String,
        flags: Int32,
        mode: UInt32 = 0o600,
        action: String,
        displayPath: String? = nil
    ) throws(ArchiveError) -> Int32 {
        while true {
            let descriptor = open(path, flags | O_CLOEXEC, mode_t(mode))
            if descriptor >= 0 { return descriptor }
            if errno != EINTR { throw error(displayPath ?? path, action, errno: errno) }
        }
    }

    /// Closes a descriptor. A failed `close` of a file opened for reading loses nothing, so it is not reported;
    /// writers sync before closing and report that failure instead.
    static func closeFile(_ descriptor: Int32) {
        _ = close(descriptor)
    }

    /// Reads up to `buffer.count` bytes; 0 means end of file.
    static func readSome(
        _ descriptor: Int32,
        into buffer: UnsafeMutableRawBufferPointer,
        path: String
    ) throws(ArchiveError) -> Int {
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw error(path, "read", errno: errno) }
        }
    }

    /// Writes all of `bytes`, looping over short writes and `EINTR`.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(ArchiveError) {
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if count >= 0 {
                offset += count
            } else if errno != EINTR {
                throw error(path, "write", errno: errno)
            }
        }
    }

    /// Flushes a file's data and metadata to stable storage.
    static func syncFile(_ descriptor: Int32, path: String) throws(ArchiveError) {
        while fsync(descriptor) != 0 {
            if errno != EINTR { throw error(path, "fsync", errno: errno) }
        }
    }

    /// Makes a rename inside `directory` durable by syncing the directory itself.
    ///
    /// Some file systems cannot sync a directory (`EINVAL`); there the rename is as durable as it gets, so that
    /// case is not an error.
    static func syncDirectory(_ directory: String) throws(ArchiveError) {
        let descriptor = try openFile(directory, flags: O_RDONLY | O_DIRECTORY, action: "open directory")
        defer { close(descriptor) }
        if fsync(descriptor) != 0, errno != EINVAL, errno != ENOTSUP {
            throw error(directory, "fsync directory", errno: errno)
        }
    }

    /// The directory part of `path` (`.` when it has none) and its last component.
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }
}
