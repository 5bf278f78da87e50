import Foundation
import GRDB
import GRDBSQLite
import MonkCore

/// Sync checksums straight from the `hash` column (API.md §8.1, DESIGN.md §4): the statement is stepped with
/// SQLite's C API and each row's hash is added to its segment's digest as it passes, so no row, string or
/// array element is built per record; only a segment's closing id becomes a `String`.
extension TenantTransaction {
    /// One segment of a checksum answer: `from < id ≤ to` and the digest (with its count) of its records.
    package struct HashSegment: Sendable, Equatable {
        package var from: String?
        package var to: String?
        package var digest: SegmentDigest

        package init(from: String?, to: String?, digest: SegmentDigest) {
            self.from = from
            self.to = to
            self.digest = digest
        }
    }

    /// The digest of the records `query` selects (its `idFrom`/`idTo` range, filter and trash scope), split in
    /// id order into `min(segments, count)` segments (at least one) whose counts differ by at most one.
    ///
    /// The first segment starts at `query.idFrom`, the last ends at `query.idTo`, and every other boundary is
    /// the id of its segment's last record. The stored hashes are used as they are, so this answers only
    /// requests without a field selection.
    ///
    /// - Parameters:
    ///   - model: The model table.
    ///   - query: Filter, scope and id range; its order, limit and page keys are ignored.
    ///   - segments: How many segments to cut (at least 1).
    /// - Returns: The whole range's digest and its segments.
    /// - Throws: `StoreError` when SQLite fails.
    package func hashSegments(in model: String, query: RecordQuery, segments: Int) throws
        -> (digest: SegmentDigest, segments: [HashSegment])
    {
        var scan = query
        scan.order = []
        scan.limit = nil
        scan.offset = nil
        scan.after = nil
        var (sql, arguments) = scan.selectSQL(model: model, columns: "id, hash")
        if segments <= 1, let order = sql.range(of: " ORDER BY ", options: .backwards) {
            // One segment: the sum does not depend on order, so SQLite may read the table in storage order.
            sql = String(sql[..<order.lowerBound])
        }
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        if segments <= 1 {
            var whole = SegmentDigest()
            while try Self.step(handle) { whole.add(Self.hash(handle, column: 1)) }
            return (whole, [HashSegment(from: query.idFrom, to: query.idTo, digest: whole)])
        }
        // A range of at most `segments` records is one segment per record, read in one pass (the leaves of a
        // bisection); a larger one needs its count first to cut equal segments.
        var rows: [(id: String, hash: RecordHash)] = []
        while rows.count <= segments, try Self.step(handle) {
            rows.append((Self.text(handle, column: 0), Self.hash(handle, column: 1)))
        }
        if rows.count <= segments {
            var whole = SegmentDigest()
            var result: [HashSegment] = []
            var lower = query.idFrom
            for (index, row) in rows.enumerated() {
                whole.add(row.hash)
                let upper = index == rows.count - 1 ? query.idTo : row.id
                result.append(HashSegment(from: lower, to: upper, digest: SegmentDigest([row.hash])))
                lower = upper
            }
            if rows.isEmpty { result.append(HashSegment(from: query.idFrom, to: query.idTo, digest: whole)) }
            return (whole, result)
        }
        // Larger: keep reading into flat buffers (ids' bytes, their ends, the hashes' halves), so a million
        // records cost three growing arrays rather than a million strings, and cut once the count is known.
        var ids: [UInt8] = []
        var ends: [Int] = []
        var halves: [UInt64] = []
        for row in rows {
            ids.append(contentsOf: row.id.utf8)
            ends.append(ids.count)
            halves.append(contentsOf: [row.hash.high, row.hash.low])
        }
        while try Self.step(handle) {
            if let text = sqlite3_column_text(handle, 0) {
                ids.append(contentsOf: UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, 0))))
            }
            ends.append(ids.count)
            let hash = Self.hash(handle, column: 1)
            halves.append(hash.high)
            halves.append(hash.low)
        }
        return Self.cut(ids: ids, ends: ends, halves: halves, segments: segments, query: query)
    }

    /// Cuts `ends.count` id-ordered records (ids' bytes, where each ends, hash halves) into
    /// `min(segments, count)` segments whose counts differ by at most one.
    private static func cut(ids: [UInt8], ends: [Int], halves: [UInt64], segments: Int, query: RecordQuery)
        -> (digest: SegmentDigest, segments: [HashSegment])
    {
        let count = ends.count
        let parts = max(1, min(segments, count))
        var whole = SegmentDigest()
        var result: [HashSegment] = []
        result.reserveCapacity(parts)
        var lower = query.idFrom
        var start = 0
        for part in 0..<parts {
            let end = start + segmentSize(part: part, parts: parts, count: count)
            var digest = SegmentDigest()
            for row in start..<end { digest.add(RecordHash(high: halves[2 * row], low: halves[2 * row + 1])) }
            whole = whole.combined(with: digest)
            let upper: String?
            if part == parts - 1 {
                upper = query.idTo
            } else {
                let idStart = end - 1 == 0 ? 0 : ends[end - 2]
                upper = String(decoding: ids[idStart..<ends[end - 1]], as: UTF8.self)
            }
            result.append(HashSegment(from: lower, to: upper, digest: digest))
            lower = upper
            start = end
        }
        return (whole, result)
    }

    /// Steps `handle`: `true` with a row, `false` when done.
    private static func step(_ handle: OpaquePointer?) throws -> Bool {
        let status = sqlite3_step(handle)
        if status == SQLITE_DONE { return false }
        guard status == SQLITE_ROW else {
            throw StoreError(code: "INTERNAL_ERROR", message: "store failure (\(status))")
        }
        return true
    }

    /// Records in segment `part` of `parts` over `count` records: the first `count % parts` get one more.
    package static func segmentSize(part: Int, parts: Int, count: Int) -> Int {
        count / parts + (part < count % parts ? 1 : 0)
    }

    /// The 16-byte hash blob of `column` as a ``RecordHash`` (zero when the blob is short or NULL).
    private static func hash(_ handle: OpaquePointer?, column: Int32) -> RecordHash {
        guard let blob = sqlite3_column_blob(handle, column), sqlite3_column_bytes(handle, column) >= 16 else {
            return RecordHash(high: 0, low: 0)
        }
        let raw = UnsafeRawPointer(blob)
        return RecordHash(
            high: UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self)),
            low: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        )
    }

    /// The text of `column` of the current row.
    private static func text(_ handle: OpaquePointer?, column: Int32) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let bytes = UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension TenantTransaction {
    /// The `/hashes` stream of the records `query` selects (API.md §8.2): one `{"hash":"…","id":"…"}` line per
    /// record in its order, written from the `hash` and `id` columns without building a row or string.
    ///
    /// - Throws: `StoreError` when SQLite fails.
    package func hashLines(in model: String, query: RecordQuery) throws -> [UInt8] {
        let (sql, arguments) = query.selectSQL(model: model, columns: "id, hash")
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var lines: [UInt8] = []
        lines.reserveCapacity(96 * min(query.limit ?? 1024, 16_384))
        while try Self.step(handle) {
            lines.append(contentsOf: #"{"hash":""#.utf8)
            Self.appendHex(Self.hash(handle, column: 1), to: &lines)
            lines.append(contentsOf: #"","id":"#.utf8)
            if let text = sqlite3_column_text(handle, 0) {
                let id = UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, 0)))
                if id.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                    CanonicalEncoder().encode(.string(String(decoding: id, as: UTF8.self)), into: &lines)
                } else {
                    lines.append(UInt8(ascii: "\""))
                    lines.append(contentsOf: id)
                    lines.append(UInt8(ascii: "\""))
                }
            } else {
                lines.append(contentsOf: "null".utf8)
            }
            lines.append(contentsOf: "}\n".utf8)
        }
        return lines
    }

    /// Appends `hash` as 32 lowercase hex digits.
    package static func appendHex(_ hash: RecordHash, to bytes: inout [UInt8]) {
        for half in [hash.high, hash.low] {
            for shift in stride(from: 60, through: 0, by: -4) {
                bytes.append(hexDigits[Int((half >> UInt64(shift)) & 0xf)])
            }
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
