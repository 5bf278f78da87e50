import MonkCore

/// One side of the ``Differ``'s merge-join: the current record of a source, compared in place.
///
/// A ``PrefetchingRecordSource`` hands over whole ``RecordBatch``es, so the join compares ids as bytes and
/// hashes as integers without building a ``ModelRecord`` per record; ``record`` builds one only for the
/// records that become operations. Any other source is read record by record into a batch of one.
struct DiffCursor {
    private let source: any RecordSource
    private let prefetching: PrefetchingRecordSource?
    private var batch = RecordBatch()
    private var index = 0

    /// Opens the cursor on the first record of `source`.
    ///
    /// - Throws: what the source throws.
    init(_ source: any RecordSource) async throws {
        self.source = source
        prefetching = source as? PrefetchingRecordSource
        try await refill()
    }

    /// Whether the source has no more records.
    var isAtEnd: Bool { index >= batch.count }

    /// Computes the hashes that the source deferred (made on first use).
    private var hasher: RecordCanonicalizer?
    /// How many deferred hashes ``hash()`` computed; the ``Differ`` resets it as it pleases.
    var deferredHashes = 0

    /// The current record's hash, computed here when the source deferred it.
    mutating func hash() -> RecordHash {
        if let hash = batch.hash(at: index) { return hash }
        deferredHashes += 1
        return batch.deferredHash(at: index, reusing: &hasher)
    }

    /// The current record as a value of its own.
    mutating func record() -> ModelRecord { batch.record(at: index, hash: hash()) }

    /// Whether the current records of `left` and `right` are equal under the selection: by their hashes when
    /// both sources computed them, else by their bytes first, hashing only records whose bytes differ.
    static func haveEqualContent(_ left: inout DiffCursor, _ right: inout DiffCursor) -> Bool {
        if let a = left.batch.hash(at: left.index), let b = right.batch.hash(at: right.index) { return a == b }
        if RecordBatch.haveSameBytes(left.batch, left.index, right.batch, right.index) { return true }
        return left.hash() == right.hash()
    }

    /// Moves to the next record.
    ///
    /// - Throws: what the source throws.
    @inline(__always)
    mutating func advance() async throws {
        index += 1
        if index >= batch.count { try await refill() }
    }

    /// Takes the next batch (or record) of the source; an empty batch at the end.
    private mutating func refill() async throws {
        index = 0
        if let prefetching {
            batch = try await prefetching.nextBatch() ?? RecordBatch()
            return
        }
        batch.removeAll()
        if let record = try await source.next() { batch.append(record) }
    }

    /// Which side's record comes first: negative for `left`'s, positive for `right`'s, zero for the same key.
    /// A side at its end sorts last; with an alias (one model each side) only ids are compared, else models
    /// first, each by UTF-8 bytes.
    static func order(_ left: DiffCursor, _ right: DiffCursor, alias: String?) -> Int {
        if left.isAtEnd { return 1 }
        if right.isAtEnd { return -1 }
        if alias == nil {
            let byModel = UTF8Order.compare(left.batch.model(at: left.index), right.batch.model(at: right.index))
            if byModel != 0 { return byModel }
        }
        return RecordBatch.compareIDs(left.batch, left.index, right.batch, right.index)
    }
}
