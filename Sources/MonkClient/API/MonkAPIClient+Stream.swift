import MonkCore
import Synchronization

/// How a JSONL page ended.
package struct StreamPage: Sendable, Equatable {
    /// Lines (records) handed to the handler.
    package var count: Int
    /// The `id` of the last record, to continue with `after`; `nil` for an empty page.
    package var lastID: String?
}

extension MonkAPIClient {
    /// Receives one JSONL record line: raw bytes, valid only during the call, on the transport's thread.
    package typealias RecordLineHandler = @Sendable (UnsafeRawBufferPointer) throws -> Void

    /// Streams one page of `GET /api/data/:model` as JSONL (`Accept: application/x-ndjson`, API.md §2.6),
    /// handing each record line to `handler` as it arrives, never holding the whole body.
    ///
    /// Records are raw (all system fields, no stripping). `query.order` should stay `id` for keyset paging.
    /// A server error line at the end of a stream (`{"error": true, …}`) becomes a thrown ``TransportError``.
    ///
    /// - Returns: the number of lines and the last record's id.
    /// - Throws: ``TransportError`` for error statuses, broken streams and error lines; `handler`'s errors.
    package func streamRecords(
        _ model: String,
        query: DataQuery,
        handler: @escaping RecordLineHandler
    ) async throws -> StreamPage {
        let request = streamRequest(model, query: query)
        let state = StreamState(handler: handler, request: request)
        try await stream(request, into: state)
        return try state.finish()
    }

    /// Streams every record of `model` in id order, page by page with `after` (capability `keyset`), until a
    /// page comes back shorter than `pageSize`.
    ///
    /// A page that breaks off with a network error after some lines arrived is resumed after the last record
    /// received, at most `resumeLimit` times in all, so a long pull survives a dropped connection without
    /// handing any record twice. (A page that fails before its first line is retried by the transport.)
    ///
    /// - Returns: the number of records handed to `handler`.
    /// - Throws: as ``streamRecords(_:query:handler:)``; the last network error once resumes run out.
    package func streamAllRecords(
        _ model: String,
        pageSize: Int = 10_000,
        options: DataOptions = [],
        resumeLimit: Int = 3,
        handler: @escaping RecordLineHandler
    ) async throws -> Int {
        var total = 0
        var after: String?
        var resumes = 0
        while true {
            try Task.checkCancellation()
            let request = streamRequest(
                model,
                query: DataQuery(order: "id", limit: pageSize, after: after, options: options)
            )
            let state = StreamState(handler: handler, request: request)
            do {
                try await stream(request, into: state)
            } catch let error as TransportError where error.code == .network && resumes < resumeLimit {
                let progress = state.progress
                guard let last = progress.lastID else { throw error }
                total += progress.count
                after = last
                resumes += 1
                continue
            }
            let page = try state.finish()
            total += page.count
            guard page.count >= pageSize, let last = page.lastID else { return total }
            after = last
        }
    }

    private func streamRequest(_ model: String, query: DataQuery) -> HTTPRequest {
        var request = makeRequest(.get, APIPath.join("/api/data", model), query: query.query)
        request.headers[0] = HTTPHeader("Accept", "application/x-ndjson")
        return request
    }

    private func stream(_ request: HTTPRequest, into state: StreamState) async throws {
        let response = try await transport.send(
            request,
            receiving: .streamed(errorLimit: 1 << 20) { chunk in try state.feed(chunk) }
        )
        guard response.head.isSuccess else { throw Envelope.serverError(response, for: request) }
    }
}

/// The line splitter and last line of one JSONL response.
// @unchecked: `splitter` and `lastLine` are used by the transport's consumer calls, which run one at a time
// in order on one thread, and by `finish()` after `send` returned (the continuation orders it after them).
private final class StreamState: @unchecked Sendable {
    private let handler: MonkAPIClient.RecordLineHandler
    private let request: HTTPRequest
    private var splitter = JSONLLineSplitter()
    private var lastLine: [UInt8] = []

    init(handler: @escaping MonkAPIClient.RecordLineHandler, request: HTTPRequest) {
        self.handler = handler
        self.request = request
    }

    func feed(_ chunk: UnsafeRawBufferPointer) throws {
        try splitter.feed(chunk) { line in try self.take(line) }
    }

    /// The lines handed over so far and the id of the last, for resuming a broken stream; `lastID` is `nil`
    /// when no line arrived (or the last one has no string `id`).
    var progress: StreamPage {
        // An unparsable last line leaves nothing to resume from; the caller then reports the original error.
        StreamPage(count: splitter.lineCount, lastID: (try? JSONParser.parse(lastLine))?["id"]?.stringValue)
    }

    func finish() throws -> StreamPage {
        try splitter.finish { line in try self.take(line) }
        guard !lastLine.isEmpty else { return StreamPage(count: 0, lastID: nil) }
        let id = (try? JSONParser.parse(lastLine))?["id"]?.stringValue
        guard let id else {
            throw Envelope.describe(
                request,
                TransportError(code: .badResponse, message: "the last JSONL line has no string `id`")
            )
        }
        return StreamPage(count: splitter.lineCount, lastID: id)
    }

    private func take(_ line: UnsafeRawBufferPointer) throws {
        if Self.mayBeErrorLine(line) { try throwIfErrorLine(line) }
        try handler(line)
        lastLine.removeAll(keepingCapacity: true)
        lastLine.append(contentsOf: line)
    }

    /// A cheap pre-check: error lines start with `{"error"` (records could too, but rarely).
    private static func mayBeErrorLine(_ line: UnsafeRawBufferPointer) -> Bool {
        let prefix = Array(#"{"error""#.utf8)
        let start = line.firstIndex { $0 != 32 && $0 != 9 } ?? 0
        return line.count - start >= prefix.count && line[start..<start + prefix.count].elementsEqual(prefix)
    }

    /// Throws the server's error when `line` is `{"error": true, "message", "error_code"}` without an `id`.
    private func throwIfErrorLine(_ line: UnsafeRawBufferPointer) throws {
        // A line that does not parse is left to the handler, which reports malformed records itself.
        // `case .none` rather than `== nil`: `JSONValue` is nil-literal expressible, so `== nil` would test `null`.
        guard let value = try? JSONParser.parse(line), value["error"]?.boolValue == true, case .none = value["id"]
        else {
            return
        }
        let code = value["error_code"]?.stringValue
        let message = value["message"]?.stringValue ?? "the stream ended with an error"
        var error = TransportError(
            code: .server,
            message: "stream failed: \(code.map { "\($0): " } ?? "")\(message)",
            serverCode: code
        )
        error.status = 200
        throw Envelope.describe(request, error)
    }
}
