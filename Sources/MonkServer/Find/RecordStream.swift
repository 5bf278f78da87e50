import Hummingbird
import MonkCore
import MonkStore
import NIOCore

/// JSONL streams of records (API.md §2.6): raw lines with every system field, written page by page so memory
/// stays bounded by the page size, never by the model's size.
enum RecordStream {
    /// Records per read transaction while streaming. Each page costs a read transaction, a keyset seek and
    /// hand-overs between threads: `monk-bench serve-stream` took 0.79 s CPU for a million records in pages of
    /// 2,000 (about 1 MB of lines), against 0.91–0.96 s in pages of 1,000.
    static let pageSize = 2000

    /// Makes the pages' buffers.
    private static let allocator = ByteBufferAllocator()

    /// A chunked `application/x-ndjson` response of the records `find` selects. Errors before the first line
    /// are thrown (normal JSON error); later ones end the stream with an `{"error":true,…}` line.
    static func response(session: Session, model name: String, query: @Sendable (String) -> String?) async throws
        -> Response
    {
        let caller = session.caller
        let store = session.store
        // Check the model, permissions and filter before the status line goes out.
        let (first, find) = try await store.read { tx in
            let model = try tx.requireModel(name)
            try tx.authorize(.read, on: model, caller: caller)
            let find = try QueryBuilder.find(query: query, model: model)
            return (
                try page(tx: tx, model: model, find: find, caller: caller, after: find.after, remaining: find.limit),
                find
            )
        }
        let body = ResponseBody { writer in
            var page = first
            var remaining = find.limit.map { $0 - page.count }
            while true {
                // The next page is read while this one is written, so the store and the socket work at once.
                var next: Task<Page, any Error>?
                if page.isKeyset, let last = page.lastID, page.count == pageSize, remaining.map({ $0 > 0 }) ?? true {
                    let limit = remaining
                    next = Task {
                        try await store.read { tx in
                            try RecordStream.page(
                                tx: tx,
                                model: try tx.requireModel(name),
                                find: find,
                                caller: caller,
                                after: last,
                                remaining: limit
                            )
                        }
                    }
                }
                do {
                    try await writer.write(page.bytes)
                } catch {
                    next?.cancel()
                    throw error
                }
                guard let next else { break }
                do {
                    page = try await next.value
                    remaining = remaining.map { $0 - page.count }
                } catch {
                    let apiError = (error as? StoreError).map(APIError.init) ?? (error as? APIError) ?? .internalError
                    let line: JSONValue = [
                        "error": true, "message": .string(apiError.message), "error_code": .string(apiError.code),
                    ]
                    var buffer = ByteBuffer(bytes: line.canonicalBytes)
                    buffer.writeInteger(UInt8(ascii: "\n"))
                    try await writer.write(buffer)
                    break
                }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: JSONResponse.jsonlContentType], body: body)
    }

    /// One page of lines: whether it was read by keyset (id order), how many lines, and the last id.
    struct Page: Sendable {
        var bytes: ByteBuffer
        var count: Int
        var lastID: String?
        var isKeyset: Bool
    }

    /// One page: keyset pages of `pageSize` when the order is by id (offset only on the first page), else
    /// everything at once. Without `select`, lines come straight from the table's text.
    private static func page(
        tx: TenantTransaction,
        model: ModelInfo,
        find: FindRequest,
        caller: Caller,
        after: String?,
        remaining: Int?
    ) throws -> Page {
        var query = QueryBuilder.query(find, model: model, caller: caller, tx: tx)
        let isKeyset = find.order?.isIDAscending ?? true
        if isKeyset {
            query.after = after
            if after != find.after { query.offset = nil }
            query.limit = min(remaining ?? pageSize, pageSize)
        }
        guard let select = find.select else {
            // Room for lines of about 512 bytes; the buffer grows (by reallocation) for longer ones.
            var bytes = allocator.buffer(capacity: 512 * (query.limit ?? pageSize))
            let lines = try tx.jsonlPage(in: model.name, query: query, into: &bytes)
            return Page(bytes: bytes, count: lines.count, lastID: lines.lastID, isKeyset: isKeyset)
        }
        let records = try tx.records(in: model.name, query: query)
        return Page(
            bytes: ByteBuffer(bytes: lines(records, select: select)),
            count: records.count,
            lastID: records.last?.id,
            isKeyset: isKeyset
        )
    }

    /// The records as JSONL, projected to `select`.
    private static func lines(_ records: [StoredRecord], select: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        for record in records {
            let projected = QueryBuilder.project(.array([.object(RecordCodec.fullObject(record))]), select)
            bytes.append(contentsOf: projected[0]?.canonicalBytes ?? [])
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }
}
