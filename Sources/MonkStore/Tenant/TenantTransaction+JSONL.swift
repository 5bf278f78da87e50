import GRDB
import GRDBSQLite
import MonkCore

/// JSONL lines straight from the table (API.md §2.6): the stored canonical `data` with the system columns
/// spliced after it, stepped with SQLite's C API so no row, record or string is built per line.
extension TenantTransaction {
    /// One page of JSONL: the lines, how many there are, and the last id (the next page's `after`).
    package struct JSONLPage: Sendable {
        package var bytes: [UInt8] = []
        package var count = 0
        package var lastID: String?
    }

    /// The records `query` selects as JSONL lines, each ending in `\n`, byte for byte what
    /// `RecordCodec.jsonlLine` writes.
    package func jsonlPage(in model: String, query: RecordQuery) throws -> JSONLPage {
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
        page.bytes.reserveCapacity(512 * min(query.limit ?? 64, 1000))
        var lastID: [UInt8] = []
        while true {
            let status = sqlite3_step(handle)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else {
                throw StoreError(code: "INTERNAL_ERROR", message: "store failure (\(status))")
            }
            let data = Self.column(handle, 1)
            guard data.last == UInt8(ascii: "}") else { continue }
            page.bytes.append(contentsOf: data.dropLast())
            Self.appendTimestamp(",\"created_at\":", Self.column(handle, 2), handle, 2, to: &page.bytes)
            Self.appendTimestamp(",\"updated_at\":", Self.column(handle, 3), handle, 3, to: &page.bytes)
            Self.appendTimestamp(",\"trashed_at\":", Self.column(handle, 4), handle, 4, to: &page.bytes)
            Self.appendTimestamp(",\"deleted_at\":", Self.column(handle, 5), handle, 5, to: &page.bytes)
            for (index, name) in Self.accessNames.enumerated() {
                page.bytes.append(contentsOf: name)
                page.bytes.append(contentsOf: Self.column(handle, Int32(6 + index)))
            }
            page.bytes.append(contentsOf: [UInt8(ascii: "}"), UInt8(ascii: "\n")])
            page.count += 1
            lastID.removeAll(keepingCapacity: true)
            lastID.append(contentsOf: Self.column(handle, 0))
        }
        if page.count > 0 { page.lastID = String(decoding: lastID, as: UTF8.self) }
        return page
    }

    private static let accessNames = ["access_deny", "access_edit", "access_full", "access_read"].map {
        Array(",\"\($0)\":".utf8)
    }

    /// The text of column `index` of the current row (valid until the next step).
    private static func column(_ handle: OpaquePointer?, _ index: Int32) -> UnsafeRawBufferPointer {
        guard let text = sqlite3_column_text(handle, index) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, index)))
    }

    /// `key` then the column as a JSON string, or `null` when it is NULL.
    private static func appendTimestamp(
        _ key: StaticString,
        _ text: UnsafeRawBufferPointer,
        _ handle: OpaquePointer?,
        _ index: Int32,
        to bytes: inout [UInt8]
    ) {
        bytes.append(contentsOf: UnsafeRawBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        if sqlite3_column_type(handle, index) == SQLITE_NULL {
            bytes.append(contentsOf: "null".utf8)
        } else {
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: text)
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
