import MonkCore

/// A JSONL stream in any order: read once into a ``SpillIndex``, then yielded in id order.
///
/// Used for standard input (which cannot be read twice) and for files that turned out unsorted.
final class IndexedRecordSource: RecordSource {
    let endpoint: String
    let models: [String]
    private let model: String
    private let index: SpillIndex
    private var merger: SpillRunMerger?

    /// Yields the records of `index` as `model`, from the first.
    init(endpoint: String, model: String, index: SpillIndex) {
        self.endpoint = endpoint
        self.model = model
        models = [model]
        self.index = index
    }

    /// The index counted every record while reading the stream.
    var expectedCount: Int? { index.count }

    func next() async throws -> ModelRecord? {
        if merger == nil { merger = try index.makeMerger() }
        guard let record = try merger?.next() else { return nil }
        return ModelRecord(model: model, record: record.canonical)
    }
}

/// Canonical records spilled to an anonymous temporary file in sorted runs, merged by id when read.
///
/// Records are gathered in memory up to `runBytes` (ids and record bytes in one buffer plus a 40-byte
/// entry each), sorted, and written as one run; a stream that fits in one run is sorted in memory, a larger
/// one is sorted externally (DESIGN.md §6). Reading merges the runs, each read in large sequential chunks.
/// Several sources may read one index, so standard input can be diffed again after a restart.
final class SpillIndex {
    /// The default memory budget for one run's ids and record bytes.
    static let defaultRunBytes = 16 << 20

    private let spill: SpillFile
    private var runStarts: [Int] = []
    /// How many records the index holds.
    private(set) var count = 0

    /// Reads all of `reader` into sorted runs of at most `runBytes` bytes each and checks ids are unique.
    ///
    /// - Throws: ``SyncError`` for malformed records, duplicate ids (naming both lines), or a spill file that
    ///   cannot be written.
    init(reading reader: JSONLRecordReader, runBytes: Int = SpillIndex.defaultRunBytes) throws {
        let path = reader.path
        spill = try SpillFile()
        var reader = reader
        var run = SpillRunBuffer()
        run.reserve(min(runBytes, SpillIndex.defaultRunBytes) + (1 << 16))
        while let (line, record) = try reader.next() {
            run.append(record, line: line)
            count += 1
            if run.byteCount >= runBytes {
                runStarts.append(spill.size)
                try run.writeRun(to: spill, path: path)
            }
        }
        if run.count > 0 || runStarts.isEmpty {
            runStarts.append(spill.size)
            try run.writeRun(to: spill, path: path)
        }
        run.release()
        try spill.flush()
        if runStarts.count > 1 { try checkUniqueAcrossRuns(path: path) }
    }

    /// How many sorted runs the records were written in; more than one means an external sort.
    var runCount: Int { runStarts.count }

    /// A fresh merge of the runs, yielding every record in id order.
    func makeMerger() throws(SyncError) -> SpillRunMerger {
        try SpillRunMerger(file: spill, starts: runStarts, end: spill.size)
    }

    /// Merges the runs once to find an id that two runs share; each run was checked on its own.
    private func checkUniqueAcrossRuns(path: String) throws(SyncError) {
        var merger = try SpillRunMerger(file: spill, starts: runStarts, end: spill.size, includesBytes: false)
        guard var previous = try merger.next() else { return }
        while let record = try merger.next() {
            if record.id == previous.id {
                throw SyncError.duplicateID(record.canonical.id, in: path, lines: previous.line, record.line)
            }
            previous = record
        }
    }
}
