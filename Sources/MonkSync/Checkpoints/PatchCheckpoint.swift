import Crypto
import Foundation
import MonkCore

/// How far a batched apply of one patch to one destination got.
package struct Checkpoint: Sendable, Hashable {
    /// Patch operations (in patch order) whose batches committed; a rerun starts after them.
    package var committedOperations: Int

    package init(committedOperations: Int) {
        self.committedOperations = committedOperations
    }
}

/// The checkpoint of applying one patch file (by content, so a rewritten patch never resumes a stale run)
/// in one direction to one destination.
struct CheckpointKey: Sendable {
    let store: CheckpointStore
    let key: String

    /// - Throws: ``SyncError`` `.notFound` when the patch cannot be read.
    init(patchAt path: String, reversed: Bool, destination: String, store: CheckpointStore) throws(SyncError) {
        self.store = store
        key = CheckpointStore.key(
            "sync-patch",
            try Self.checksum(ofFileAt: path),
            reversed ? "reverse" : "forward",
            destination
        )
    }

    func load() throws(SyncError) -> Checkpoint? {
        guard let state = try store.load(key), let count = state["committed_operations"]?.numberValue?.int64Value
        else { return nil }
        return Checkpoint(committedOperations: Int(count))
    }

    func save(_ checkpoint: Checkpoint) throws(SyncError) {
        try store.save(key, ["committed_operations": .number(JSONNumber(checkpoint.committedOperations))])
    }

    func remove() throws(SyncError) { try store.remove(key) }

    /// `sha256:` and the hex SHA-256 of the file's bytes, read in 1 MiB chunks.
    static func checksum(ofFileAt path: String) throws(SyncError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw SyncError.notFound(path) }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw SyncError(code: .io, message: "\(path): cannot read the patch")
            }
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
        }
        return "sha256:" + HexText.encode(hasher.finalize())
    }
}
