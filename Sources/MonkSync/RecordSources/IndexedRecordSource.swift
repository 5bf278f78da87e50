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
    private let spill: SpillFile
    private var entries: [Entry] = []

    /// Reads all of `reader` into the spill file and sorts the index.
    ///
    /// - Throws: ``SyncError`` for malformed records, duplicate ids (naming both lines), or a spill file that
    ///   cannot be written.
    init(reading reader: JSONLRecordReader) throws {
        path = reader.path
        spill = try SpillFile()
        var reader = reader
        var isSorted = true
        while let (line, record) = try reader.next() {
            let offset = try spill.append(record.bytes)
            if isSorted, let last = entries.last, !JSONObject.precedes(last.id, record.id) { isSorted = false }
            entries.append(
                Entry(id: record.id, offset: offset, length: record.bytes.count, line: line, hash: record.hash)
            )
        }
        if !isSorted { entries.sort { JSONObject.precedes($0.id, $1.id) } }
        for (first, second) in zip(entries, entries.dropFirst()) where first.id.utf8.elementsEqual(second.id.utf8) {
            throw SyncError.invalidData(
                path,
                line: max(first.line, second.line),
                "duplicate id '\(first.id)' (also on line \(min(first.line, second.line)))"
            )
        }
    }

    /// How many records the index holds.
    var count: Int { entries.count }

    /// The record at `position` in id order, read back from the spill file.
    func record(at position: Int) throws(SyncError) -> CanonicalRecord {
        let entry = entries[position]
        let bytes = try spill.bytes(at: entry.offset, count: entry.length)
        return CanonicalRecord(id: entry.id, bytes: bytes, hash: entry.hash)
    }
}
