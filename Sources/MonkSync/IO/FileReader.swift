import Foundation

/// Reads a file (or standard input) through a POSIX descriptor, in the shape ``JSONLReader`` asks for.
///
/// The descriptor closes when the reader is released. Errors name the path and the system's reason.
final class FileReader {
    /// The path as the user wrote it, for messages (`-` for standard input).
    let path: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool

    /// Opens `path` for reading.
    ///
    /// - Throws: ``SyncError`` `.notFound` when the file is missing or unreadable, `.invalidData` when it is a
    ///   directory.
    init(path: String) throws(SyncError) {
        var status = stat()
        guard stat(path, &status) == 0 else { throw SyncError.notFound(path, FileReader.reason(errno)) }
        if status.st_mode & S_IFMT == S_IFDIR {
            throw SyncError(code: .invalidData, message: "\(path): is a directory, expected a file")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SyncError.notFound(path, FileReader.reason(errno)) }
        self.path = path
        self.descriptor = descriptor
        ownsDescriptor = true
    }

    /// Reads standard input, named `-` in messages.
    init(standardInput: Void) {
        path = "-"
        descriptor = STDIN_FILENO
        ownsDescriptor = false
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Fills `buffer` with up to its size in bytes; returns the count, 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw SyncError(code: .io, message: "\(path): read failed: \(FileReader.reason(errno))")
        }
    }

    /// Reads the whole file (for small files: one record of a `files` directory, a patch header).
    static func contents(of path: String, limit: Int = 64 << 20) throws -> [UInt8] {
        let reader = try FileReader(path: path)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try reader.read(into: $0) }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit {
                throw SyncError(code: .invalidData, message: "\(path): larger than \(limit) bytes")
            }
        }
    }

    /// The system's text for an `errno` value.
    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

extension FileReader {
    /// Whether something exists at `path`.
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }
}
