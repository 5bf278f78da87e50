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
            page.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[..<(data.count - 1)]))
            Self.appendSystemColumns(handle, to: &page.bytes)
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

    /// The tail of a line after `data`'s members: timestamps, ACLs, `}` and `\n`. Nearly every row is live and
    /// has no ACL, so those parts go out as one literal each instead of a name and a column per field.
    private static func appendSystemColumns(_ handle: OpaquePointer?, to bytes: inout [UInt8]) {
        appendTimestamp(",\"created_at\":", column(handle, 2), handle, 2, to: &bytes)
        appendTimestamp(",\"updated_at\":", column(handle, 3), handle, 3, to: &bytes)
        if sqlite3_column_type(handle, 4) == SQLITE_NULL && sqlite3_column_type(handle, 5) == SQLITE_NULL {
            bytes.append(contentsOf: liveTail)
        } else {
            appendTimestamp(",\"trashed_at\":", column(handle, 4), handle, 4, to: &bytes)
            appendTimestamp(",\"deleted_at\":", column(handle, 5), handle, 5, to: &bytes)
        }
        let lists = (column(handle, 6), column(handle, 7), column(handle, 8), column(handle, 9))
        // An ACL column holds a JSON array of UUIDs, so two bytes can only be `[]`.
        if lists.0.count == 2 && lists.1.count == 2 && lists.2.count == 2 && lists.3.count == 2 {
            bytes.append(contentsOf: openTail)
            return
        }
        for (name, list) in zip(accessNames, [lists.0, lists.1, lists.2, lists.3]) {
            bytes.append(contentsOf: name)
            bytes.append(contentsOf: list)
        }
        bytes.append(UInt8(ascii: "}"))
        bytes.append(UInt8(ascii: "\n"))
    }

    /// `trashed_at` and `deleted_at` of a live record.
    private static let liveTail = Array(#","trashed_at":null,"deleted_at":null"#.utf8)

    /// Empty ACLs and the line's end.
    private static let openTail =
        Array(#","access_deny":[],"access_edit":[],"access_full":[],"access_read":[]}"#.utf8) + [
            UInt8(ascii: "\n")
        ]

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
