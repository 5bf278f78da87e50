import GRDB
import GRDBSQLite
import Glibc
import MonkCore

/// JSONL lines straight from the table (API.md §2.6): the stored canonical `data` with the system columns
/// spliced in at their canonical places (``JSONLSplice``), stepped with SQLite's C API so no row, record or string is built per line.
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
        // Room for lines of up to 1 KiB: an array that grows copies the whole page each time it doubles.
        page.bytes.reserveCapacity(1024 * min(query.limit ?? 64, 1000))
        var lastID: [UInt8] = []
        while true {
            let status = sqlite3_step(handle)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else {
                throw StoreError(code: "INTERNAL_ERROR", message: "store failure (\(status))")
            }
            Self.appendLine(handle, to: &page.bytes)
            page.bytes.append(UInt8(ascii: "\n"))
            page.count += 1
            lastID.removeAll(keepingCapacity: true)
            lastID.append(contentsOf: Self.column(handle, 0))
        }
        if page.count > 0 { page.lastID = String(decoding: lastID, as: UTF8.self) }
        return page
    }

    /// Columns of the system members in ``JSONLSplice/members`` order: `access_deny`, `access_edit`,
    /// `access_full`, `access_read`, `created_at`, `deleted_at`, `trashed_at`, `updated_at`.
    private static let systemColumns: [Int32] = [6, 7, 8, 9, 2, 5, 4, 3]

    /// The current row's line (without its `\n`): `data` with the system columns spliced in at their
    /// canonical places, or, for a row whose `data` cannot be spliced, what ``RecordCodec/jsonlLine(_:)``
    /// builds through a JSON tree.
    private static func appendLine(_ handle: OpaquePointer?, to bytes: inout [UInt8]) {
        let isSpliced = JSONLSplice.append(column(handle, 1), to: &bytes) { member, out in
            let index = systemColumns[member]
            let text = column(handle, index)
            if member < 4 {
                // An ACL column holds a JSON array; a missing one reads as an empty list, as in `RecordRows.ids`.
                if text.isEmpty { out.append(contentsOf: "[]".utf8) } else { out.append(contentsOf: text) }
            } else if text.baseAddress == nil {
                // SQLite gives no text pointer exactly for NULL (an empty text has one).
                out.append(contentsOf: "null".utf8)
            } else {
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: text)
                out.append(UInt8(ascii: "\""))
            }
        }
        guard !isSpliced else { return }
        func text(_ index: Int32) -> String? {
            sqlite3_column_type(handle, index) == SQLITE_NULL
                ? nil : String(decoding: column(handle, index), as: UTF8.self)
        }
        let record = StoredRecord(
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
        bytes.append(contentsOf: JSONValue.object(RecordCodec.fullObject(record)).canonicalBytes)
    }

    /// The text of column `index` of the current row (valid until the next step).
    private static func column(_ handle: OpaquePointer?, _ index: Int32) -> UnsafeRawBufferPointer {
        guard let text = sqlite3_column_text(handle, index) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, index)))
    }
}
