import MonkClient
import MonkCore

extension Bisection {
    /// One range of a checksum answer: its bounds, digest and segments.
    struct RangeAnswer {
        var from: String?
        var to: String?
        var digest: SegmentDigest
        var segments: [RangeAnswer]
    }

    /// How many checksum requests of one round are in flight per server: while the client reads one answer,
    /// the server computes the next.
    static let requestConcurrency = 2

    /// `POST /api/sync/:model/checksum` for `ranges` (sent 1,024 at a time, ``requestConcurrency`` at once),
    /// each split into `segments`; the answers in the order of `ranges`.
    func ranges(
        of side: RemoteConnection,
        _ model: String,
        _ ranges: [(from: String?, to: String?)],
        segments: Int
    ) async throws -> [RangeAnswer] {
        let chunks = stride(from: 0, to: ranges.count, by: 1_024).map { ranges[$0..<min(ranges.count, $0 + 1_024)] }
        var answers = [[RangeAnswer]](repeating: [], count: chunks.count)
        try await withThrowingTaskGroup(of: (Int, [RangeAnswer]).self) { group in
            var next = 0
            func start() {
                guard next < chunks.count else { return }
                let (index, chunk) = (next, chunks[next])
                next += 1
                group.addTask {
                    var body = filterKeys
                    body["ranges"] = .array(chunk.map { ["from": Self.bound($0.from), "to": Self.bound($0.to)] })
                    body["segments"] = .number(JSONNumber(segments))
                    let (algorithm, received) = try await checksum(of: side, model, body)
                    guard algorithm == SegmentDigest.algorithm else { throw BisectionUnavailable() }
                    guard received.count == chunk.count else {
                        throw SyncError(
                            code: .invalidData,
                            message: "\(side.endpoint): the checksum answer lost ranges"
                        )
                    }
                    return (index, received)
                }
            }
            for _ in 0..<Self.requestConcurrency { start() }
            while let (index, received) = try await group.next() {
                answers[index] = received
                start()
            }
        }
        return answers.flatMap { $0 }
    }

    /// One `POST /api/sync/:model/checksum`: the answer read by ``ChecksumAnswerParser`` when it has
    /// `monk serve`'s shape, else through the generic envelope.
    private func checksum(of side: RemoteConnection, _ model: String, _ body: JSONObject) async throws
        -> (algorithm: String?, ranges: [RangeAnswer])
    {
        let client = side.client
        let request = client.makeRequest(
            .post,
            APIPath.join("/api/sync", model) + "/checksum",
            body: .object(body),
            isIdempotent: true
        )
        let response = try await client.transport.send(request, receiving: .buffered(limit: client.responseLimit))
        guard response.head.isSuccess else { throw Envelope.serverError(response, for: request) }
        if let parsed = ChecksumAnswerParser.parse(response.body) { return parsed }
        let data = try Envelope.decode(response, for: request).data
        let ranges = try (data["ranges"]?.arrayValue ?? []).map { try Self.answer($0, side: side) }
        return (data["algorithm"]?.stringValue, ranges)
    }

    /// `{id, hash}` of every record of one side in `segment`, in id order.
    func hashes(of side: RemoteConnection, _ model: String, _ segment: Segment) async throws
        -> [(id: String, hash: String)]
    {
        var body = filterKeys
        body["from"] = Self.bound(segment.from)
        body["to"] = Self.bound(segment.to)
        let collector = HashCollector()
        _ = try await side.client.syncHashes(model, body) { id, hash in collector.append(id, hash) }
        return collector.items
    }

    static func bound(_ id: String?) -> JSONValue { id.map(JSONValue.string) ?? .null }

    static func answer(_ value: JSONValue, side: RemoteConnection) throws(SyncError) -> RangeAnswer {
        guard let hex = value["digest"]?.stringValue, let count = value["count"]?.numberValue?.int64Value,
            let digest = SegmentDigest(hex: hex, count: Int(count))
        else {
            throw SyncError(code: .invalidData, message: "\(side.endpoint): a checksum range has no count and digest")
        }
        let segments = try (value["segments"]?.arrayValue ?? []).map { item throws(SyncError) in
            try answer(item, side: side)
        }
        return RangeAnswer(
            from: value["from"]?.stringValue,
            to: value["to"]?.stringValue,
            digest: digest,
            segments: segments
        )
    }
}

/// Collects `/hashes` lines.
// @unchecked: `append` runs in the transport's consumer calls, one at a time in order on one thread, and
// `items` is read after `syncHashes` returned (the continuation orders it after them).
private final class HashCollector: @unchecked Sendable {
    private(set) var items: [(id: String, hash: String)] = []

    func append(_ id: String, _ hash: String) { items.append((id, hash)) }
}
