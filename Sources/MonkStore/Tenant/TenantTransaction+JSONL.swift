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
        page.bytes.reserveCapacity(512 * min(query.limit ?? 64, 1000))
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
            } else if sqlite3_column_type(handle, index) == SQLITE_NULL {
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

/// Splices a record's system members into its stored canonical `data` at their sorted positions, so a JSONL
/// line (API.md §2.6) comes out as canonical JSON (DESIGN.md §4) without re-encoding the record: a reader
/// takes its already-canonical fast path instead of rewriting every line.
///
/// `data` is canonical and compact, so its top-level members can be walked byte by byte (strings skipped to
/// their closing quote, containers to their matching bracket) and merged with the eight system members,
/// whose names are fixed. Member names compare by their bytes as stored: a system name holds only `_` and
/// lowercase letters, which sort after every byte that escaping changes (`"`, `\`, control characters), so
/// comparing the escaped form orders exactly like comparing the name's UTF-8 bytes. Member values are copied
/// as they are stored: `data` is trusted to be what `RecordCodec.stored` wrote.
///
/// ```swift
/// var line: [UInt8] = []
/// let isSpliced = JSONLSplice.append(data, to: &line) { member, out in out.append(contentsOf: "null".utf8) }
/// ```
enum JSONLSplice {
    /// The system member names in canonical order, each as `"name":`.
    static let members: [[UInt8]] = [
        "access_deny", "access_edit", "access_full", "access_read", "created_at", "deleted_at", "trashed_at",
        "updated_at",
    ].map { Array("\"\($0)\":".utf8) }

    /// Appends `data` with the system members spliced in; `appendValue(index, &out)` writes the value of
    /// ``members``[index].
    ///
    /// - Returns: `false`, with `out` as it was, when `data` is not a compact object or already holds a
    ///   member named like a system one; the caller then builds the line through a JSON tree.
    static func append(
        _ data: UnsafeRawBufferPointer,
        to out: inout [UInt8],
        appendValue: (Int, inout [UInt8]) -> Void
    ) -> Bool {
        let start = out.count
        let end = data.count - 1
        guard data.count >= 2, data[0] == UInt8(ascii: "{"), data[end] == UInt8(ascii: "}") else { return false }
        out.append(UInt8(ascii: "{"))
        var next = 0
        var index = 1
        var isFirst = true
        func emitSystem(_ member: Int, _ out: inout [UInt8]) {
            if !isFirst { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: members[member])
            appendValue(member, &out)
            isFirst = false
        }
        while index < end {
            if next == members.count {
                // Every system member is placed: the rest of `data` goes out as it is.
                out.append(UInt8(ascii: ","))
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[index..<end]))
                break
            }
            guard data[index] == UInt8(ascii: "\""), let keyEnd = stringEnd(data, from: index), keyEnd < end,
                data[keyEnd] == UInt8(ascii: ":"), let valueEnd = valueEnd(data, from: keyEnd + 1, limit: end)
            else {
                out.removeSubrange(start...)
                return false
            }
            // The name with its quotes and colon, as `members` holds them.
            let name = UnsafeRawBufferPointer(rebasing: data[index...keyEnd])
            while next < members.count {
                let order = compare(members[next], name)
                if order > 0 { break }
                if order == 0 {
                    out.removeSubrange(start...)
                    return false
                }
                emitSystem(next, &out)
                next += 1
            }
            if !isFirst { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[index..<valueEnd]))
            isFirst = false
            index = valueEnd
            if index < end {
                guard data[index] == UInt8(ascii: ","), index + 1 < end else {
                    out.removeSubrange(start...)
                    return false
                }
                index += 1
            }
        }
        while next < members.count {
            emitSystem(next, &out)
            next += 1
        }
        out.append(UInt8(ascii: "}"))
        return true
    }

    /// The order of two names written `"name":`: negative when `system` sorts first, zero when equal.
    ///
    /// Comparing through the closing quote is right: a name that is a prefix of the other has its `"` (0x22)
    /// where the other goes on with a byte that sorts after it in every case that matters here.
    private static func compare(_ system: [UInt8], _ name: UnsafeRawBufferPointer) -> Int {
        system.withUnsafeBytes { system in
            let count = min(system.count, name.count)
            var index = 0
            while index < count {
                let left = system[index]
                let right = name[index]
                if left != right { return Int(left) - Int(right) }
                index += 1
            }
            return system.count - name.count
        }
    }

    /// The index after the string that opens at `start`, or `nil` when it does not close.
    ///
    /// Finds each `"` with `memchr` (strings such as notes are long) and counts the backslashes before it: an
    /// odd number escapes it.
    private static func stringEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var index = start + 1
        while index < bytes.count {
            guard let found = memchr(base + index, Int32(UInt8(ascii: "\"")), bytes.count - index) else { return nil }
            let quote = base.distance(to: UnsafeRawPointer(found))
            var backslashes = 0
            while quote - backslashes - 1 > start && bytes[quote - backslashes - 1] == UInt8(ascii: "\\") {
                backslashes += 1
            }
            if backslashes % 2 == 0 { return quote + 1 }
            index = quote + 1
        }
        return nil
    }

    /// The index after the value that starts at `start` (before `limit`), or `nil` when it does not end there.
    private static func valueEnd(_ bytes: UnsafeRawBufferPointer, from start: Int, limit: Int) -> Int? {
        var index = start
        var depth = 0
        while index < limit {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                guard let end = stringEnd(bytes, from: index) else { return nil }
                index = end
                if depth == 0 { return index }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth < 0 { return nil }
                if depth == 0 { return index + 1 }
            case UInt8(ascii: ","):
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return depth == 0 && index > start ? index : nil
    }
}
