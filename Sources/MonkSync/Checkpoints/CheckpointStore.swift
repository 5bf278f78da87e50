import Crypto
import Foundation
import MonkCore

/// Small JSON state files that let an interrupted batched run resume (DESIGN.md §7, §12 exit 130): one file
/// per run identity, under a directory the caller chooses (the CLI uses `<config dir>/checkpoints`).
///
/// A key is any text identifying the run (hashed into the file name, so it may hold endpoints and paths);
/// the state is a JSON object, written atomically. Readers treat a missing file as "start from the
/// beginning"; a run removes its checkpoint when it completes.
///
/// ```swift
/// let store = CheckpointStore(directory: configDirectory + "/checkpoints")
/// let key = CheckpointStore.key("push", source, destination)
/// let done = try store.load(key)?["batches"]?.numberValue?.int64Value ?? 0
/// try store.save(key, ["batches": 3])
/// try store.remove(key)
/// ```
package struct CheckpointStore: Sendable {
    /// The directory holding the checkpoint files (created on the first save, mode 0700).
    package let directory: String

    package init(directory: String) {
        self.directory = directory
    }

    /// A key from parts: SHA-256 over them, each followed by a NUL, as 64 hex digits.
    package static func key(_ parts: String...) -> String { key(parts) }

    /// A key from parts; see ``key(_:)-(String...)``.
    package static func key(_ parts: [String]) -> String {
        var hasher = SHA256()
        for part in parts {
            hasher.update(data: Array(part.utf8))
            hasher.update(data: [0])
        }
        return HexText.encode(hasher.finalize())
    }

    /// The saved state for `key`, or `nil` when there is none.
    ///
    /// - Throws: ``SyncError`` `.invalidData` for a file that is not a JSON object (delete it to start over).
    package func load(_ key: String) throws(SyncError) -> JSONObject? {
        let path = path(for: key)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard case .object(let object)? = try? JSONParser.parse(Array(data)) else {
            throw SyncError(code: .invalidData, message: "\(path): the checkpoint is not a JSON object; remove it")
        }
        return object
    }

    /// Saves `state` for `key`, replacing the previous one atomically.
    ///
    /// - Throws: ``SyncError`` `.io` when the directory cannot be created or the file written.
    package func save(_ key: String, _ state: JSONObject) throws(SyncError) {
        do {
            try FileManager.default.createDirectory(
                atPath: directory,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw SyncError(code: .io, message: "\(directory): cannot create the checkpoint directory")
        }
        let writer = try AtomicFileWriter(path: path(for: key))
        try writer.write(JSONValue.object(state).canonicalBytes + [10])
        try writer.commit()
    }

    /// Removes the checkpoint of `key`, if any.
    ///
    /// - Throws: ``SyncError`` `.io` when the file exists but cannot be removed.
    package func remove(_ key: String) throws(SyncError) {
        let path = path(for: key)
        guard unlink(path) == 0 || errno == ENOENT else {
            throw SyncError(code: .io, message: "\(path): cannot remove the checkpoint: \(FileReader.reason(errno))")
        }
    }

    /// The file of `key`.
    package func path(for key: String) -> String { directory + "/" + key + ".json" }
}
