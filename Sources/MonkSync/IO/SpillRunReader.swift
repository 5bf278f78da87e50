import MonkCore

/// Reads one run of ``SpilledRecord``s front to back, in chunks rather than one read per record.
struct SpillRunReader {
    private let file: SpillFile
    private let end: Int
    private let chunkSize: Int
    /// The file offset of `buffer[0]`'s successor: where the next chunk starts.
    private var offset: Int
    private var buffer: [UInt8] = []
    private var position = 0

    /// A reader of the run stored in `file` between `start` and `end`, reading `chunkSize` bytes at a time.
    init(file: SpillFile, start: Int, end: Int, chunkSize: Int) {
        self.file = file
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
            bytes: Array(buffer[bytesStart..<bytesStart + byteCount]),
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
struct SpillRunMerger {
    private var readers: [SpillRunReader]
    private var heads: [SpilledRecord?]

    /// A merger of the runs of `file` that start at `starts` and end at the next start or at `end`.
    init(file: SpillFile, starts: [Int], end: Int) throws(SyncError) {
        let chunkSize = starts.count > 1 ? 1 << 18 : 1 << 20
        readers = []
        for (index, start) in starts.enumerated() {
            let runEnd = index + 1 < starts.count ? starts[index + 1] : end
            readers.append(SpillRunReader(file: file, start: start, end: runEnd, chunkSize: chunkSize))
        }
        heads = []
        for index in readers.indices { heads.append(try readers[index].next()) }
    }

    /// The record with the lowest id among the runs' next records, or `nil` when all have ended.
    mutating func next() throws(SyncError) -> SpilledRecord? {
        var lowest: Int?
        for index in heads.indices {
            guard let head = heads[index] else { continue }
            if let current = lowest, let best = heads[current], !head.id.lexicographicallyPrecedes(best.id) {
                continue
            }
            lowest = index
        }
        guard let lowest else { return nil }
        let record = heads[lowest]
        heads[lowest] = try readers[lowest].next()
        return record
    }
}
