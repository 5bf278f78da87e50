import Foundation
import MonkCore

/// Records packed into one byte buffer: what a reading thread hands over to the merge-join.
///
/// A ``ModelRecord`` holds an id `String` and a bytes array of its own, two allocations per record that
/// the reading thread makes and the consuming thread frees. A batch instead appends each record's canonical
/// bytes to one buffer and keeps offsets, so a diff compares ids as bytes and builds records only for the
/// few that differ (``record(at:)``).
///
/// ```swift
/// var batch = RecordBatch()
/// batch.append(record)
/// batch.record(at: 0) == record   // true
/// ```
struct RecordBatch: Sendable {
    /// Where one record lies in ``storage``.
    struct Entry: Sendable {
        var packed: PackedRecord
        /// Index into ``models``.
        var model: Int
    }

    /// Every record's canonical bytes (and decoded ids), one after another.
    var storage: [UInt8] = []
    private(set) var entries: [Entry] = []
    /// The model names the entries refer to.
    private(set) var models: [String] = []
    /// The selection that deferred hashes (``PackedRecord/hash`` `nil`) are computed with; set by whoever
    /// appends such records.
    var hashSelection: FieldSelection?

    /// An empty batch with room for about `records` records of `bytes` bytes in all.
    init(reservingRecords records: Int = 0, bytes: Int = 0) {
        entries.reserveCapacity(records)
        storage.reserveCapacity(bytes)
    }

    /// How many records the batch holds.
    var count: Int { entries.count }

    /// Appends a record that `pack` appends to ``storage`` (see ``RecordCanonicalizer/appendRecord(from:to:)``).
    ///
    /// - Throws: what `pack` throws; then the batch is unchanged as long as `pack` left ``storage`` unchanged.
    mutating func append<Failure: Error>(
        model: String,
        packing pack: (inout [UInt8]) throws(Failure) -> PackedRecord
    ) throws(Failure) {
        let packed = try pack(&storage)
        entries.append(Entry(packed: packed, model: index(of: model)))
    }

    /// Appends a copy of `record`.
    mutating func append(_ record: ModelRecord) {
        let start = storage.count
        storage.append(contentsOf: record.record.bytes)
        let idStart = storage.count
        storage.append(contentsOf: record.id.utf8)
        let packed = PackedRecord(bytes: start..<idStart, id: idStart..<storage.count, hash: record.record.hash)
        entries.append(Entry(packed: packed, model: index(of: record.model)))
    }

    /// Drops the last record (whose bytes must be the last in ``storage``).
    mutating func removeLast() {
        let last = entries.removeLast()
        storage.removeSubrange(last.packed.bytes.lowerBound...)
    }

    /// Empties the batch, keeping its capacity.
    mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        models.removeAll(keepingCapacity: true)
    }

    /// The record at `index` as a value of its own; a deferred hash is computed (see
    /// ``record(at:hash:)`` to pass one already known).
    func record(at index: Int) -> ModelRecord {
        var hasher: RecordCanonicalizer?
        return record(at: index, hash: hash(at: index) ?? deferredHash(at: index, reusing: &hasher))
    }

    /// The record at `index` as a value of its own, with its `hash`.
    func record(at index: Int, hash: RecordHash) -> ModelRecord {
        let entry = entries[index]
        let record = CanonicalRecord(
            id: String(decoding: storage[entry.packed.id], as: UTF8.self),
            bytes: Array(storage[entry.packed.bytes]),
            hash: hash
        )
        return ModelRecord(model: models[entry.model], record: record)
    }

    /// The model of the record at `index`.
    @inline(__always)
    func model(at index: Int) -> String { models[entries[index].model] }

    /// The hash of the record at `index`, or `nil` when its reader deferred it (``deferredHash(at:reusing:)``).
    @inline(__always)
    func hash(at index: Int) -> RecordHash? { entries[index].packed.hash }

    /// Computes the deferred hash of the record at `index` with ``hashSelection``, in `hasher` (made on first
    /// use; keep it for the next call).
    func deferredHash(at index: Int, reusing hasher: inout RecordCanonicalizer?) -> RecordHash {
        guard let selection = hashSelection else {
            preconditionFailure("a batch with deferred hashes must carry their selection")
        }
        if hasher == nil { hasher = RecordCanonicalizer(selection: selection) }
        let range = entries[index].packed.bytes
        return storage.withUnsafeBytes { hasher!.deferredHash(of: UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// Whether two records' canonical bytes are the same (then they are equal under any selection).
    @inline(__always)
    static func haveSameBytes(_ a: RecordBatch, _ i: Int, _ b: RecordBatch, _ j: Int) -> Bool {
        let left = a.entries[i].packed.bytes
        let right = b.entries[j].packed.bytes
        guard left.count == right.count else { return false }
        return a.storage.withUnsafeBytes { x in
            b.storage.withUnsafeBytes { y in
                memcmp(x.baseAddress! + left.lowerBound, y.baseAddress! + right.lowerBound, left.count) == 0
            }
        }
    }

    /// The id of the record at `index`, as text (for messages).
    func id(at index: Int) -> String { String(decoding: storage[entries[index].packed.id], as: UTF8.self) }

    /// The records from `start` on, sharing this batch's storage.
    func suffix(from start: Int) -> RecordBatch {
        var rest = self
        rest.entries.removeSubrange(..<start)
        return rest
    }

    /// Compares two records' ids by their UTF-8 bytes (``UTF8Order``): negative, zero or positive.
    @inline(__always)
    static func compareIDs(_ a: RecordBatch, _ i: Int, _ b: RecordBatch, _ j: Int) -> Int {
        let left = a.entries[i].packed.id
        let right = b.entries[j].packed.id
        return a.storage.withUnsafeBytes { x in
            b.storage.withUnsafeBytes { y in
                let common = min(left.count, right.count)
                if common > 0, let p = x.baseAddress, let q = y.baseAddress {
                    let order = memcmp(p + left.lowerBound, q + right.lowerBound, common)
                    if order != 0 { return Int(order) }
                }
                return left.count - right.count
            }
        }
    }

    /// The index of `model` in ``models``, appending it when it is new (records of one model come together).
    private mutating func index(of model: String) -> Int {
        // By bytes, as sync orders models: `String`'s `==` would merge canonically equivalent names.
        if let last = models.last, UTF8Order.compare(last, model) == 0 { return models.count - 1 }
        models.append(model)
        return models.count - 1
    }
}
