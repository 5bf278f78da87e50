import Foundation
import MonkCore

/// One record as a spill run stores it: a fixed 32-byte header (id length, record length, line, hash; all
/// little-endian), then the id's UTF-8 bytes, then the canonical record bytes.
struct SpilledRecord {
    /// The id's UTF-8 bytes.
    var id: [UInt8]
    /// The canonical record bytes.
    var bytes: [UInt8]
    /// The 1-based line the record came from, for duplicate-id messages.
    var line: Int
    /// The hash of the selected fields.
    var hash: RecordHash

    /// Bytes of the fixed header in front of each record.
    static let headerSize = 32

    /// The record as the diff sees it.
    var canonical: CanonicalRecord {
        CanonicalRecord(id: String(decoding: id, as: UTF8.self), bytes: bytes, hash: hash)
    }
}

/// Records gathered in memory until a budget is reached, then sorted by id and written as one run.
///
/// Ids and record bytes sit in one contiguous buffer; each record costs a 40-byte entry besides its bytes,
/// and sorting moves only 4-byte positions.
struct SpillRunBuffer {
    private struct Entry {
        var start: Int
        var idCount: UInt32
        var byteCount: UInt32
        var line: Int
        var hash: RecordHash
    }

    private var storage: [UInt8] = []
    private var entries: [Entry] = []

    /// Bytes of ids and records held.
    var byteCount: Int { storage.count }
    /// Records held.
    var count: Int { entries.count }

    /// Keeps `record`, read from `line`.
    mutating func append(_ record: CanonicalRecord, line: Int) {
        let start = storage.count
        storage.append(contentsOf: record.id.utf8)
        storage.append(contentsOf: record.bytes)
        entries.append(
            Entry(
                start: start,
                idCount: UInt32(record.id.utf8.count),
                byteCount: UInt32(record.bytes.count),
                line: line,
                hash: record.hash
            )
        )
    }

    /// Sorts the records by id, appends them to `file` as one run and empties the buffer.
    ///
    /// - Throws: ``SyncError`` `.invalidData` naming `path` and both lines when an id appears twice; `.io`
    ///   when the file cannot be written.
    mutating func writeRun(to file: SpillFile, path: String) throws(SyncError) {
        var order = Array(0..<UInt32(entries.count))
        try storage.withUnsafeBufferPointer { (storage) throws(SyncError) in
            try entries.withUnsafeBufferPointer { (entries) throws(SyncError) in
                guard let base = storage.baseAddress else { return }
                order.sort { SpillRunBuffer.compare(base, entries[Int($0)], entries[Int($1)]) < 0 }
                var header: [UInt8] = []
                header.reserveCapacity(SpilledRecord.headerSize)
                var previous: Entry?
                for position in order {
                    let entry = entries[Int(position)]
                    if let previous, SpillRunBuffer.compare(base, previous, entry) >= 0 {
                        let id = UnsafeBufferPointer(start: base + previous.start, count: Int(previous.idCount))
                        let name = String(decoding: id, as: UTF8.self)
                        throw SyncError.duplicateID(name, in: path, lines: previous.line, entry.line)
                    }
                    previous = entry
                    header.removeAll(keepingCapacity: true)
                    SpillRunBuffer.appendHeader(
                        &header,
                        idCount: entry.idCount,
                        byteCount: entry.byteCount,
                        line: entry.line,
                        hash: entry.hash
                    )
                    try file.write(header)
                    let count = Int(entry.idCount) + Int(entry.byteCount)
                    try file.write(UnsafeBufferPointer(start: base + entry.start, count: count))
                }
            }
        }
        storage.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
    }

    /// Reserves room for `byteCount` bytes of ids and records, so the buffer does not outgrow its budget.
    mutating func reserve(_ byteCount: Int) {
        storage.reserveCapacity(byteCount)
    }

    /// Frees the buffer's memory.
    mutating func release() {
        storage = []
        entries = []
    }

    /// Compares two entries' ids as UTF-8 bytes: negative, zero or positive, like `memcmp`.
    private static func compare(_ base: UnsafePointer<UInt8>, _ a: Entry, _ b: Entry) -> Int32 {
        let result = memcmp(base + a.start, base + b.start, Int(min(a.idCount, b.idCount)))
        if result != 0 { return result }
        return a.idCount == b.idCount ? 0 : (a.idCount < b.idCount ? -1 : 1)
    }

    /// Appends the fixed header of ``SpilledRecord`` to `bytes`.
    static func appendHeader(
        _ bytes: inout [UInt8],
        idCount: UInt32,
        byteCount: UInt32,
        line: Int,
        hash: RecordHash
    ) {
        func append<Integer: FixedWidthInteger>(_ value: Integer) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        append(idCount)
        append(byteCount)
        append(UInt64(truncatingIfNeeded: line))
        append(hash.high)
        append(hash.low)
    }
}

extension SyncError {
    /// `.invalidData` for an id found on two lines of `path`, naming the later line and the earlier one.
    static func duplicateID(_ id: String, in path: String, lines first: Int, _ second: Int) -> SyncError {
        .invalidData(path, line: max(first, second), "duplicate id '\(id)' (also on line \(min(first, second)))")
    }
}
