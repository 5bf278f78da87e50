import Foundation
import MonkCore

/// A JSONL stream in any order: read once into a ``SpillIndex``, then yielded in id order.
///
/// Used for standard input (which cannot be read twice) and for files that turned out unsorted.
final class IndexedRecordSource: RecordSource {
    let endpoint: String
    let models: [String]
    private let model: String
    private let index: SpillIndex
    private var position = 0

    /// Yields the records of `index` as `model`, from the first.
    init(endpoint: String, model: String, index: SpillIndex) {
        self.endpoint = endpoint
        self.model = model
        models = [model]
        self.index = index
    }

    func next() async throws -> ModelRecord? {
        guard position < index.count else { return nil }
        defer { position += 1 }
        return ModelRecord(model: model, record: try index.record(at: position))
    }
}

/// Canonical records spilled to an anonymous temporary file, with an in-memory index sorted by id.
///
/// Memory holds the index, about 60 bytes plus the id per record; the records stay on disk. The index is
/// sorted in memory: an external sort past 1M records is not implemented yet. Several sources may read one
/// index, so standard input can be diffed again after a restart.
final class SpillIndex {
    private struct Entry {
        var id: String
        var offset: Int
        var length: Int
        var line: Int
        var hash: RecordHash
    }

    private let path: String
    private let descriptor: Int32
    private var entries: [Entry] = []

    /// Reads all of `reader` into the spill file and sorts the index.
    ///
    /// - Throws: ``SyncError`` for malformed records, duplicate ids (naming both lines), or a spill file that
    ///   cannot be written.
    init(reading reader: JSONLRecordReader) throws {
        path = reader.path
        descriptor = try Self.makeSpillFile()
        var reader = reader
        var offset = 0
        var isSorted = true
        var pending: [UInt8] = []
        while let (line, record) = try reader.next() {
            pending.append(contentsOf: record.bytes)
            if pending.count >= 1 << 20 {
                try write(pending)
                pending.removeAll(keepingCapacity: true)
            }
            if isSorted, let last = entries.last, !JSONObject.precedes(last.id, record.id) { isSorted = false }
            entries.append(
                Entry(id: record.id, offset: offset, length: record.bytes.count, line: line, hash: record.hash)
            )
            offset += record.bytes.count
        }
        try write(pending)
        if !isSorted { entries.sort { JSONObject.precedes($0.id, $1.id) } }
        for (first, second) in zip(entries, entries.dropFirst()) where first.id.utf8.elementsEqual(second.id.utf8) {
            throw SyncError.invalidData(
                path,
                line: max(first.line, second.line),
                "duplicate id '\(first.id)' (also on line \(min(first.line, second.line)))"
            )
        }
    }

    deinit { close(descriptor) }

    /// How many records the index holds.
    var count: Int { entries.count }

    /// The record at `position` in id order, read back from the spill file.
    func record(at position: Int) throws(SyncError) -> CanonicalRecord {
        let entry = entries[position]
        var bytes = [UInt8](repeating: 0, count: entry.length)
        var done = 0
        while done < entry.length {
            let count = bytes[done...].withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress, buffer.count, off_t(entry.offset + done))
            }
            guard count > 0 else { throw SyncError(code: .io, message: "\(path): cannot read the temporary index") }
            done += count
        }
        return CanonicalRecord(id: entry.id, bytes: bytes, hash: entry.hash)
    }

    /// An anonymous temporary file, unlinked at once so it disappears with the descriptor.
    private static func makeSpillFile() throws(SyncError) -> Int32 {
        var template = Array((NSTemporaryDirectory() + "/monk-index-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else {
            throw SyncError(code: .io, message: "cannot create a temporary index file: \(FileReader.reason(errno))")
        }
        template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
        return descriptor
    }

    private func write(_ bytes: [UInt8]) throws(SyncError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { throw SyncError(code: .io, message: "\(path): cannot write the temporary index") }
            offset += written
        }
    }
}
