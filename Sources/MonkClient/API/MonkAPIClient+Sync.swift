import MonkCore

extension MonkAPIClient {
    /// `POST /api/sync/:model/checksum` (API.md §8.1): per requested range, its count and digest and those of
    /// its segments. Safe to retry (a read).
    ///
    /// - Throws: ``TransportError``; servers without the route answer 404 `NOT_FOUND`.
    package func syncChecksum(_ model: String, _ body: JSONObject) async throws -> JSONValue {
        let path = APIPath.join("/api/sync", model) + "/checksum"
        return try await call(.post, path, body: .object(body), isIdempotent: true).data
    }

    /// `POST /api/sync/:model/hashes` (API.md §8.2): `(id, hash)` of every matching record in id order, handed
    /// to `handler` line by line as the JSONL stream arrives.
    ///
    /// - Returns: the number of lines.
    /// - Throws: ``TransportError`` for error statuses, a late error line, or a line without `id` and `hash`.
    package func syncHashes(
        _ model: String,
        _ body: JSONObject,
        handler: @escaping @Sendable (_ id: String, _ hash: String) throws -> Void
    ) async throws -> Int {
        var request = makeRequest(
            .post,
            APIPath.join("/api/sync", model) + "/hashes",
            body: .object(body),
            accept: "application/x-ndjson",
            isIdempotent: true
        )
        request.isIdempotent = true
        let state = HashStreamState(request: request, handler: handler)
        let response = try await transport.send(
            request,
            receiving: .streamed(errorLimit: 1 << 20) { chunk in try state.feed(chunk) }
        )
        guard response.head.isSuccess else { throw Envelope.serverError(response, for: request) }
        return try state.finish()
    }

    /// `POST /api/trashed/:model` (API.md §7.1): restores trashed records by id, all or nothing.
    ///
    /// - Returns: the restored records.
    package func restoreTrashed(_ model: String, ids: [String]) async throws -> [JSONValue] {
        let body = JSONValue.array(ids.map(JSONValue.string))
        return try await call(.post, APIPath.join("/api/trashed", model), body: body).data.arrayValue ?? []
    }

}

/// The line splitter of one `/hashes` response.
// @unchecked: `feed` runs in the transport's consumer calls, one at a time in order on one thread, and
// `finish()` after `send` returned (the continuation orders it after them).
private final class HashStreamState: @unchecked Sendable {
    private let request: HTTPRequest
    private let handler: @Sendable (String, String) throws -> Void
    private var splitter = JSONLLineSplitter()

    init(request: HTTPRequest, handler: @escaping @Sendable (String, String) throws -> Void) {
        self.request = request
        self.handler = handler
    }

    func feed(_ chunk: UnsafeRawBufferPointer) throws {
        try splitter.feed(chunk) { line in try self.take(line) }
    }

    func finish() throws -> Int {
        try splitter.finish { line in try self.take(line) }
        return splitter.lineCount
    }

    /// Parses one `{"id","hash"}` line; an error line (`{"error": true, …}`) becomes a thrown error.
    private func take(_ line: UnsafeRawBufferPointer) throws {
        let value = try? JSONParser.parse(line)
        guard let id = value?["id"]?.stringValue, let hash = value?["hash"]?.stringValue else {
            let code = value?["error_code"]?.stringValue
            let message = value?["message"]?.stringValue ?? "a hashes line has no string id and hash"
            var error = TransportError(
                code: value?["error"]?.boolValue == true ? .server : .badResponse,
                message: "stream failed: \(code.map { "\($0): " } ?? "")\(message)",
                serverCode: code
            )
            error.status = 200
            throw Envelope.describe(request, error)
        }
        try handler(id, hash)
    }
}
