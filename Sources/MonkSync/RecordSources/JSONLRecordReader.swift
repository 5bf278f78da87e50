import MonkCore

/// Turns a JSONL byte stream into canonical records with their line numbers; errors name file and line.
struct JSONLRecordReader {
    /// The file as the user named it.
    let path: String
    private let file: FileReader
    private var lines: JSONLReader
    private var canonicalizer: RecordCanonicalizer

    /// Bytes per read: a diff reads two files at once, and each reader's buffer is about two chunks, so 256 KiB
    /// keeps them at a megabyte together (issue #6: ≤ 32 MB peak) while reads stay large.
    static let chunkSize = 256 << 10

    /// While this is on, ``appendNext(to:model:)`` leaves records' hashes for the consumer to compute
    /// (``RecordCanonicalizer/defersHashes``); ``next()`` always hashes.
    private let deferral: HashDeferral?

    init(file: FileReader, selection: FieldSelection, deferral: HashDeferral? = nil) {
        path = file.path
        self.file = file
        lines = JSONLReader(chunkSize: Self.chunkSize) { buffer in try file.read(into: buffer) }
        canonicalizer = RecordCanonicalizer(selection: selection)
        self.deferral = deferral
    }

    /// The next record and its 1-based line number, or `nil` at the end.
    ///
    /// - Throws: ``SyncError`` `.invalidData` for malformed JSON, a non-object, a missing or non-string `id`.
    mutating func next() throws -> (line: Int, record: CanonicalRecord)? {
        let line: JSONLReader.Line?
        do {
            line = try lines.next()
        } catch let error as JSONError {
            throw SyncError.invalidData(path, line: error.line, error.message)
        }
        guard let line else { return nil }
        do {
            return (line.number, try canonicalizer.record(from: line.bytes))
        } catch {
            throw SyncError.invalidData(path, line: line.number, error.message)
        }
    }

    /// Reads the next record into `batch` as `model`, without building a ``CanonicalRecord``: the same record
    /// and errors as ``next()``.
    ///
    /// - Returns: the record's 1-based line number, or `nil` at the end.
    mutating func appendNext(to batch: inout RecordBatch, model: String) throws -> Int? {
        if let deferral {
            canonicalizer.defersHashes = deferral.isOn
            if batch.hashSelection == nil { batch.hashSelection = canonicalizer.selection }
        }
        var failure: (line: Int, error: RecordError)?
        let number: Int?
        do {
            number = try lines.withNextLine { number, bytes in
                let appended = Result { () throws(RecordError) in
                    try batch.append(model: model) { (storage: inout [UInt8]) throws(RecordError) in
                        try canonicalizer.appendRecord(from: bytes, to: &storage)
                    }
                }
                if case .failure(let error) = appended { failure = (number, error) }
                return number
            }
        } catch let error as JSONError {
            throw SyncError.invalidData(path, line: error.line, error.message)
        }
        if let failure { throw SyncError.invalidData(path, line: failure.line, failure.error.message) }
        return number
    }
}

/// A JSONL file read front to back; the fast path for files that are sorted by id (monk writes them so).
///
/// Memory holds one record at a time. When a record's id is not above the previous one the source throws
/// `.unsorted`; ``SourceOpener`` then reopens the file as an ``IndexedRecordSource`` and the diff restarts.
///
/// It reads without suspending, so ``PrefetchingRecordSource`` can read it ahead on a thread of its own.
final class JSONLRecordSource: BlockingRecordSource {
    let endpoint: String
    let models: [String]
    private let model: String
    // Unchecked: only the one thread reading the source touches these (see ``BlockingRecordSource``), and the
    // dynamic exclusivity checks of two class properties were ~2 % of a diff's reading time.
    @exclusivity(unchecked) private var reader: JSONLRecordReader
    @exclusivity(unchecked) private var order = IDOrderCheck()

    init(endpoint: String, model: String, reader: JSONLRecordReader) {
        self.endpoint = endpoint
        self.model = model
        models = [model]
        self.reader = reader
    }

    func next() async throws -> ModelRecord? {
        try nextBlocking()
    }

    func nextBlocking() throws -> ModelRecord? {
        var single = RecordBatch()
        guard try appendNext(to: &single) else { return nil }
        return single.record(at: 0)
    }

    func appendNext(to batch: inout RecordBatch) throws -> Bool {
        guard let line = try reader.appendNext(to: &batch, model: model) else { return false }
        let last = batch.count - 1
        let id = batch.entries[last].packed.id
        let checked = batch.storage.withUnsafeBytes { storage in
            Result { () throws(SyncError) in
                try order.accept(id: UnsafeRawBufferPointer(rebasing: storage[id]), at: "\(reader.path):\(line)")
            }
        }
        if case .failure(var error) = checked {
            error.unsortedEndpoint = endpoint
            batch.removeLast()
            throw error
        }
        return true
    }
}
