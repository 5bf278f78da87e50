/// The body of `POST /api/sync/:model/checksum` (API.md §8.1).
package struct SyncChecksumRequest: Sendable, Hashable {
    package var filter: SyncFilter
    /// 1–1024 non-overlapping ranges; one unbounded range when absent.
    package var ranges: [SyncRange]
    /// Segments per range, 1–1024 (default 1).
    package var segments: Int

    /// The most ranges or segments one request may ask for.
    package static let limit = 1024

    /// Parses a checksum body.
    ///
    /// - Throws: ``QueryError`` `SYNC_INVALID_REQUEST` (bad or overlapping ranges, `from ≥ to`, out-of-range
    ///   counts, unknown keys), and the codes of ``SyncFilter/init(body:extraKeys:fieldTypes:)``.
    package init(body: JSONValue, fieldTypes: [String: FieldType]? = nil) throws(QueryError) {
        guard case .object(let object) = body else { throw SyncFilter.invalid("body must be an object") }
        filter = try SyncFilter(body: object, extraKeys: ["ranges", "segments"], fieldTypes: fieldTypes)
        segments = 1
        if let value = object.member("segments"), !value.isNull {
            guard let count = value.numberValue?.int64Value, (1...Int64(Self.limit)).contains(count) else {
                throw SyncFilter.invalid("segments must be an integer from 1 to \(Self.limit)")
            }
            segments = Int(count)
        }
        ranges = [SyncRange()]
        if let value = object.member("ranges"), !value.isNull {
            guard case .array(let items) = value, (1...Self.limit).contains(items.count) else {
                throw SyncFilter.invalid("ranges must be an array of 1 to \(Self.limit) ranges")
            }
            var parsed: [SyncRange] = []
            for item in items {
                guard case .object(let range) = item else { throw SyncFilter.invalid("each range must be an object") }
                parsed.append(try SyncRange(from: range.member("from"), to: range.member("to")))
            }
            try SyncChecksumRequest.checkDisjoint(parsed)
            ranges = parsed
        }
    }

    /// Ranges `(a, b]` and `(c, d]` sorted by lower bound are disjoint when each upper bound is at most the
    /// next lower bound.
    private static func checkDisjoint(_ ranges: [SyncRange]) throws(QueryError) {
        let sorted = ranges.sorted { a, b in
            guard let right = b.from else { return false }
            guard let left = a.from else { return true }
            return JSONObject.precedes(left, right)
        }
        for (current, next) in zip(sorted, sorted.dropFirst()) {
            guard let upper = current.to, let lower = next.from, !JSONObject.precedes(lower, upper) else {
                throw SyncFilter.invalid("ranges must not overlap")
            }
        }
    }
}

/// The body of `POST /api/sync/:model/hashes` (API.md §8.2).
package struct SyncHashesRequest: Sendable, Hashable {
    package var filter: SyncFilter
    package var range: SyncRange
    /// At most this many lines; the client continues from the last id.
    package var limit: Int?

    /// Parses a hashes body.
    ///
    /// - Throws: ``QueryError`` `SYNC_INVALID_REQUEST` (bad `from`/`to`, `from ≥ to`, unknown keys),
    ///   `FILTER_INVALID_LIMIT`, and the codes of ``SyncFilter/init(body:extraKeys:fieldTypes:)``.
    package init(body: JSONValue, fieldTypes: [String: FieldType]? = nil) throws(QueryError) {
        guard case .object(let object) = body else { throw SyncFilter.invalid("body must be an object") }
        filter = try SyncFilter(body: object, extraKeys: ["from", "to", "limit"], fieldTypes: fieldTypes)
        range = try SyncRange(from: object.member("from"), to: object.member("to"))
        if let value = object.member("limit"), !value.isNull {
            limit = try FindRequest.count(value, .filterInvalidLimit, "limit")
        }
    }
}
