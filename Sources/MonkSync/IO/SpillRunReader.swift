import Foundation
import MonkCore

/// Reads one run of ``SpilledRecord``s front to back, in chunks rather than one read per record.
struct SpillRunReader {
    private let file: SpillFile
    private let end: Int
    private let chunkSize: Int
    private let includesBytes: Bool
    /// The file offset of `buffer[0]`'s successor: where the next chunk starts.
    private var offset: Int
    private var buffer: [UInt8] = []
    private var position = 0

    /// A reader of the run stored in `file` between `start` and `end`, reading `chunkSize` bytes at a time;
    /// without `includesBytes` its records carry ids, lines and hashes but no record bytes.
    init(file: SpillFile, start: Int, end: Int, chunkSize: Int, includesBytes: Bool) {
        self.file = file
        self.includesBytes = includesBytes
        offset = start
        self.end = end
        self.chunkSize = chunkSize
    }

    /// The next record of the run, or `nil` at its end.
    ///
    /// - Throws: ``SyncError`` `.io` when the file cannot be read or ends early.
    mutating func next() throws(SyncError) -> SpilledRecord? {
        guard try fill(SpilledRecord.headerSize) else { return nil }
        let (idCount, byteCount, line, hash) = buffer.withUnsafeBytes { raw in
            let base = position
            return (
                Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: base, as: UInt32.self))),
                Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: base + 4, as: UInt32.self))),
                Int(
                    truncatingIfNeeded: UInt64(
                        littleEndian: raw.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self)
                    )
                ),
                RecordHash(
                    high: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 16, as: UInt64.self)),
                    low: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: base + 24, as: UInt64.self))
                )
            )
        }
        guard try fill(SpilledRecord.headerSize + idCount + byteCount) else {
            throw SyncError(code: .io, message: "a temporary file ended early")
        }
        let idStart = position + SpilledRecord.headerSize
        let bytesStart = idStart + idCount
        let record = SpilledRecord(
            id: Array(buffer[idStart..<bytesStart]),
            bytes: includesBytes ? Array(buffer[bytesStart..<bytesStart + byteCount]) : [],
            line: line,
            hash: hash
        )
        position = bytesStart + byteCount
        return record
    }

    /// Makes at least `count` unread bytes available; `false` when the run has ended before any byte.
    private mutating func fill(_ count: Int) throws(SyncError) -> Bool {
        while buffer.count - position < count {
            guard offset < end else {
                if buffer.count == position { return false }
                throw SyncError(code: .io, message: "a temporary file ended early")
            }
            buffer.removeSubrange(0..<position)
            position = 0
            let wanted = min(max(chunkSize, count - buffer.count), end - offset)
            let chunk = try file.bytes(at: offset, count: wanted)
            buffer.append(contentsOf: chunk)
            offset += wanted
        }
        return true
    }
}

/// Merges sorted runs into one stream in id order; with one run it simply reads it.
///
/// The runs' next records sit in a binary min-heap keyed by id (ties by run), so each record costs about
/// two comparisons per doubling of the run count.
struct SpillRunMerger {
    private var readers: [SpillRunReader]
    private var heads: [SpilledRecord?]
    /// Run indices ordered as a min-heap of their heads.
    private var heap: [Int] = []

    /// A merger of the runs of `file` that start at `starts` and end at the next start or at `end`; without
    /// `includesBytes` it yields records without their bytes, enough to check ids.
    init(file: SpillFile, starts: [Int], end: Int, includesBytes: Bool = true) throws(SyncError) {
        let chunkSize = starts.count > 1 ? 1 << 18 : 1 << 20
        readers = []
        for (index, start) in starts.enumerated() {
            let runEnd = index + 1 < starts.count ? starts[index + 1] : end
            readers.append(
                SpillRunReader(
                    file: file,
                    start: start,
                    end: runEnd,
                    chunkSize: chunkSize,
                    includesBytes: includesBytes
                )
            )
        }
        heads = []
        for index in readers.indices {
            heads.append(try readers[index].next())
            if heads[index] != nil {
                heap.append(index)
                siftUp(heap.count - 1)
            }
        }
    }

    /// The record with the lowest id among the runs' next records, or `nil` when all have ended.
    mutating func next() throws(SyncError) -> SpilledRecord? {
        guard let run = heap.first else { return nil }
        let record = heads[run]
        heads[run] = try readers[run].next()
        if heads[run] == nil {
            let last = heap.removeLast()
            if heap.isEmpty { return record }
            heap[0] = last
        }
        siftDown(0)
        return record
    }

    /// Whether run `a`'s head sorts before run `b`'s (by id, then by run).
    private func precedes(_ a: Int, _ b: Int) -> Bool {
        let order = heads[a]?.id.withUnsafeBufferPointer { first in
            heads[b]?.id.withUnsafeBufferPointer { second in
                let common = min(first.count, second.count)
                var result: Int32 = 0
                if common > 0, let left = first.baseAddress, let right = second.baseAddress {
                    result = memcmp(left, right, common)
                }
                return result != 0 ? Int(result) : first.count - second.count
            }
        }
        guard let order, order != 0 else { return a < b }
        return order < 0
    }

    private mutating func siftUp(_ position: Int) {
        var child = position
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ position: Int) {
        var parent = position
        while true {
            var lowest = parent
            for child in stride(from: 2 * parent + 1, through: 2 * parent + 2, by: 1) where child < heap.count {
                if precedes(heap[child], heap[lowest]) { lowest = child }
            }
            if lowest == parent { return }
            heap.swapAt(parent, lowest)
            parent = lowest
        }
    }
}
