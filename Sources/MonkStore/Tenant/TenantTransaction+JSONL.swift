import GRDB
import GRDBSQLite
import Glibc
import MonkCore

/// JSONL lines straight from the table (API.md §2.6): the stored canonical `data` with the system columns
/// spliced in at their canonical places (``JSONLSplice``), stepped with SQLite's C API so no row, record or
/// string is built per line, and written straight into the caller's buffer (``JSONLLineSink``).
extension TenantTransaction {
    /// One page of JSONL: how many lines, and, when the page is full (as many lines as the query's `limit`,
    /// so more may follow), the last line's id: the next page's `after`.
    package struct JSONLPage: Sendable {
        package var count = 0
        package var lastID: String?
    }

    /// The records `query` selects as JSONL lines in an array, each ending in `\n`; see
    /// ``jsonlPage(in:query:into:)``.
    package func jsonlPage(in model: String, query: RecordQuery) throws -> (page: JSONLPage, bytes: [UInt8]) {
        var bytes: [UInt8] = []
        let page = try jsonlPage(in: model, query: query, into: &bytes)
        return (page, bytes)
    }

    /// Appends the records `query` selects to `sink` as JSONL lines, each ending in `\n`, byte for byte
    /// ``RecordCodec/jsonlLine(_:)`` and a newline.
    package func jsonlPage(in model: String, query: RecordQuery, into sink: inout some JSONLLineSink) throws
        -> JSONLPage
    {
        let (sql, arguments) = query.selectSQL(
            model: model,
            columns: """
                id, data, created_at, updated_at, trashed_at, deleted_at, access_deny, access_edit, access_full,
                access_read
                """
        )
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var page = JSONLPage()
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: JSONLSplice.memberCount) { positions in
            try withUnsafeTemporaryAllocation(of: JSONLSplice.Value.self, capacity: JSONLSplice.memberCount) {
                values in
                while true {
                    let status = sqlite3_step(handle)
                    if status == SQLITE_DONE { break }
                    guard status == SQLITE_ROW else {
                        throw StoreError(code: "INTERNAL_ERROR", message: "store failure (\(status))")
                    }
                    Self.appendLine(handle, positions: positions, values: values, to: &sink)
                    page.count += 1
                    if page.count == query.limit {
                        page.lastID = String(decoding: Self.column(handle, 0), as: UTF8.self)
                    }
                }
            }
        }
        return page
    }

    /// Columns of the system members in ``JSONLSplice`` order: `access_deny`, `access_edit`, `access_full`,
    /// `access_read`, `created_at`, `deleted_at`, `trashed_at`, `updated_at`.
    private static let systemColumns: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) = (
        6, 7, 8, 9, 2, 5, 4, 3
    )

    /// The JSON texts an empty `access_*` column and a `NULL` timestamp show as.
    private static let emptyList: StaticString = "[]"
    private static let null: StaticString = "null"

    /// Appends the current row's line and its `\n`: `data` with the system columns spliced in at their
    /// canonical places, or, for a row whose `data` cannot be spliced, what ``RecordCodec/jsonlLine(_:)``
    /// builds through a JSON tree.
    private static func appendLine(
        _ handle: OpaquePointer?,
        positions: UnsafeMutableBufferPointer<Int>,
        values: UnsafeMutableBufferPointer<JSONLSplice.Value>,
        to sink: inout some JSONLLineSink
    ) {
        let data = column(handle, 1)
        guard JSONLSplice.insertionPoints(data, into: positions) else {
            let line = RecordCodec.jsonlLine(record(handle))
            return sink.appendLine(maximumCount: line.count + 1) { out in
                line.withUnsafeBytes { out.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
                out.storeBytes(of: UInt8(ascii: "\n"), toByteOffset: line.count, as: UInt8.self)
                return line.count + 1
            }
        }
        // The line's length at most: `data`, the system members with their values, the newline.
        var maximumCount = data.count + JSONLSplice.memberCount * JSONLSplice.bytesPerMember + 1
        withUnsafeBytes(of: systemColumns) { columns in
            for member in 0..<JSONLSplice.memberCount {
                let text = column(handle, columns.load(fromByteOffset: member * 4, as: Int32.self))
                if member < 4 {
                    // An ACL column holds a JSON array; a missing one reads as an empty list, as in `RecordRows.ids`.
                    values[member] = .init(text: text.isEmpty ? bytes(of: emptyList) : text, isQuoted: false)
                } else if text.baseAddress == nil {
                    // SQLite gives no text pointer exactly for NULL (an empty text has one).
                    values[member] = .init(text: bytes(of: null), isQuoted: false)
                } else {
                    values[member] = .init(text: text, isQuoted: true)
                }
                maximumCount &+= values[member].text.count
            }
        }
        let values = UnsafeBufferPointer(values)
        sink.appendLine(maximumCount: maximumCount) { out in
            let count = JSONLSplice.write(data, positions: positions, values: values, to: out)
            out.storeBytes(of: UInt8(ascii: "\n"), toByteOffset: count, as: UInt8.self)
            return count + 1
        }
    }

    /// The current row as a record, for the rows the splice declines.
    private static func record(_ handle: OpaquePointer?) -> StoredRecord {
        func text(_ index: Int32) -> String? {
            sqlite3_column_type(handle, index) == SQLITE_NULL
                ? nil : String(decoding: column(handle, index), as: UTF8.self)
        }
        return StoredRecord(
            id: text(0) ?? "",
            data: Array(column(handle, 1)),
            hash: [],
            createdAt: text(2) ?? "",
            updatedAt: text(3) ?? "",
            trashedAt: text(4),
            deletedAt: text(5),
            access: AccessLists(
                read: RecordRows.ids(text(9)),
                edit: RecordRows.ids(text(7)),
                full: RecordRows.ids(text(8)),
                deny: RecordRows.ids(text(6))
            )
        )
    }

    /// The bytes of a static string.
    private static func bytes(of text: StaticString) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    }

    /// The text of column `index` of the current row (valid until the next step).
    private static func column(_ handle: OpaquePointer?, _ index: Int32) -> UnsafeRawBufferPointer {
        guard let text = sqlite3_column_text(handle, index) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, index)))
    }
}
