import Hummingbird
import MonkCore
import MonkStore
import NIOCore

/// The answer of `POST /api/sync/:model/checksum` (API.md §8.1), written straight to bytes: a bisection asks
/// for thousands of segments at once, and building a ``JSONValue`` per segment cost more than reading them.
enum SyncChecksumBody {
    /// One requested range: its bounds, its digest and its segments.
    struct Range: Sendable {
        var from: String?
        var to: String?
        var digest: SegmentDigest
        var segments: [TenantTransaction.HashSegment]

        init(from: String?, to: String?, digest: SegmentDigest, segments: [TenantTransaction.HashSegment]) {
            self.from = from
            self.to = to
            self.digest = digest
            self.segments = segments
        }

        /// The range over `rows` (already in id order), cut into `min(segments, count)` segments (at least
        /// one) whose counts differ by at most one; inner boundaries are the id of each segment's last record.
        init(_ rows: [(id: String, hash: RecordHash)], from: String?, to: String?, segments: Int) {
            let parts = max(1, min(segments, rows.count))
            var pieces: [TenantTransaction.HashSegment] = []
            var start = 0
            var lower = from
            for part in 0..<parts {
                let end = start + TenantTransaction.segmentSize(part: part, parts: parts, count: rows.count)
                let upper = part == parts - 1 ? to : rows[end - 1].id
                pieces.append(.init(from: lower, to: upper, digest: SegmentDigest(rows[start..<end].map(\.hash))))
                lower = upper
                start = end
            }
            self.init(from: from, to: to, digest: SegmentDigest(rows.map(\.hash)), segments: pieces)
        }
    }

    /// The response: compact JSON bytes in the envelope, or, when the request asks for YAML, `?select` or
    /// `?unwrap`, the same value through ``Reply``.
    static func response(_ ranges: [Range], request: Request) -> Response {
        let query = request.uri.queryParameters
        guard case .json = OutputFormat(request: request), query.get("select") == nil, !query.has("unwrap") else {
            return Reply.success(value(ranges), request: request)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 + ranges.reduce(0) { $0 + 140 * ($1.segments.count + 1) })
        bytes.append(contentsOf: #"{"data":{"algorithm":""#.utf8)
        bytes.append(contentsOf: SegmentDigest.algorithm.utf8)
        bytes.append(contentsOf: #"","ranges":["#.utf8)
        for (index, range) in ranges.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendSummary(range.from, range.to, range.digest, segments: range.segments, to: &bytes)
        }
        bytes.append(contentsOf: #"]},"success":true}"#.utf8)
        return Response(
            status: .ok,
            headers: [.contentType: JSONResponse.jsonContentType, .contentLength: String(bytes.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    /// `{"count":…,"digest":"…","from":…,"segments":[…]?,"to":…}` (keys in canonical order).
    private static func appendSummary(
        _ from: String?,
        _ to: String?,
        _ digest: SegmentDigest,
        segments: [TenantTransaction.HashSegment]?,
        to bytes: inout [UInt8]
    ) {
        bytes.append(contentsOf: #"{"count":"#.utf8)
        bytes.append(contentsOf: String(digest.count).utf8)
        bytes.append(contentsOf: #","digest":""#.utf8)
        TenantTransaction.appendHex(RecordHash(high: digest.high, low: digest.low), to: &bytes)
        bytes.append(contentsOf: #"","from":"#.utf8)
        appendBound(from, to: &bytes)
        if let segments {
            bytes.append(contentsOf: #","segments":["#.utf8)
            for (index, segment) in segments.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                appendSummary(segment.from, segment.to, segment.digest, segments: nil, to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(contentsOf: #","to":"#.utf8)
        appendBound(to, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    private static func appendBound(_ id: String?, to bytes: inout [UInt8]) {
        CanonicalEncoder().encode(id.map(JSONValue.string) ?? .null, into: &bytes)
    }

    /// The same answer as a ``JSONValue`` (for YAML and the response modifiers).
    static func value(_ ranges: [Range]) -> JSONValue {
        func summary(_ from: String?, _ to: String?, _ digest: SegmentDigest) -> JSONObject {
            [
                "from": from.map(JSONValue.string) ?? .null, "to": to.map(JSONValue.string) ?? .null,
                "count": .number(JSONNumber(digest.count)), "digest": .string(digest.hex),
            ]
        }
        let items = ranges.map { range -> JSONValue in
            var object = summary(range.from, range.to, range.digest)
            object["segments"] = .array(range.segments.map { .object(summary($0.from, $0.to, $0.digest)) })
            return .object(object)
        }
        return ["algorithm": .string(SegmentDigest.algorithm), "ranges": .array(items)]
    }

    /// One `/hashes` line, `{"hash":"…","id":"…"}` and a newline.
    static func appendHashLine(id: String, hash: RecordHash, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: #"{"hash":""#.utf8)
        TenantTransaction.appendHex(hash, to: &bytes)
        bytes.append(contentsOf: #"","id":"#.utf8)
        CanonicalEncoder().encode(.string(id), into: &bytes)
        bytes.append(contentsOf: "}\n".utf8)
    }
}
