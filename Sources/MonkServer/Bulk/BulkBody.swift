import Glibc
import MonkCore
import NIOCore

/// A `POST /api/bulk` body as ``BulkController`` reads it: the request value ``BulkRequest`` checks, and the
/// records of plain create operations left as byte ranges of the body instead of values.
///
/// A status-only request (`"return":"status"`) whose `create-one`/`create-all` operations have no `op_id`
/// and no possible `$ref:` in their data needs those records only to create them, so their `data` in ``value``
/// is a placeholder of the same shape (empty objects) and ``deferred`` holds the records. Every other body, and
/// any body the split cannot read with certainty, is parsed whole as before, so errors are unchanged.
///
/// An atomic request checks its deferred records' syntax while creating them (a malformed one fails the
/// transaction); a request that keeps partial work checks them all up front. Either way, whatever goes wrong,
/// the caller must let ``checkRecords()`` turn the failure into the parse error a malformed body gets.
struct BulkBody {
    /// The body as ``BulkRequest`` reads it.
    var value: JSONValue
    /// The records of deferred operations, by operation index.
    var deferred: [Int: DeferredRecords]
    private let buffer: ByteBuffer
    private let reader: RequestBody

    /// Reads the body in `buffer`, of kind `kind`, under `reader`'s limits.
    ///
    /// - Throws: what ``RequestBody/value(of:kind:)`` throws for the same bytes.
    init(buffer: ByteBuffer, kind: RequestBody.Kind, reader: RequestBody) throws {
        self.buffer = buffer
        self.reader = reader
        if kind == .json, let (value, deferred) = BulkBody.split(buffer, maximumDepth: reader.maxDepth) {
            self.value = value
            self.deferred = deferred
        } else {
            value = try reader.value(of: Array(buffer.readableBytesView), kind: kind)
            deferred = [:]
        }
    }

    /// Throws the error the whole body's parse gives when a deferred record is malformed; returns otherwise.
    func checkRecords() throws {
        guard deferred.values.contains(where: { !$0.isValid }) else { return }
        _ = try reader.value(of: Array(buffer.readableBytesView), kind: .json)
    }

    /// The split form of `bytes`, or `nil` when the whole body must be parsed (including every body found
    /// malformed here).
    private static func split(_ buffer: ByteBuffer, maximumDepth: Int) -> (JSONValue, [Int: DeferredRecords])? {
        let parts = buffer.withUnsafeReadableBytes { BulkBodyReader.read($0, maximumDepth: maximumDepth) }
        guard let parts else { return nil }
        let options = parts.members["options"]?.objectValue
        let statusOnly = options?["return"]?.stringValue == "status"
        let refs = options?["refs"]?.boolValue ?? true
        // Only an atomic request may meet a malformed record after it has started: it then writes nothing.
        let checksLate =
            (options?["atomic"] ?? true) == true && (options?["continueOnError"] ?? false) == false
        var operations: [JSONValue] = []
        var deferred: [Int: DeferredRecords] = [:]
        for (index, operation) in parts.operations.enumerated() {
            var members = operation.members
            if let ranges = operation.records {
                let records = DeferredRecords(
                    body: buffer,
                    ranges: ranges,
                    isArray: operation.recordsAreArray,
                    options: JSONParser.Options(
                        maximumDepth: BulkBodyReader.recordDepth(
                            isArray: operation.recordsAreArray,
                            maximumDepth: maximumDepth
                        )
                    )
                )
                let name = BulkRequest.names[members["operation"]?.stringValue ?? ""]
                let hasOpID = members["op_id"].map { !$0.isNull } ?? false
                let isCreate = name == (records.isArray ? "create-all" : "create-one")
                if statusOnly && !hasOpID && isCreate && !(refs && records.mayMentionReference) {
                    guard checksLate || records.isValid else { return nil }
                    members["data"] = records.placeholder
                    deferred[index] = records
                } else {
                    guard let value = try? records.value else { return nil }
                    members["data"] = value
                }
            }
            operations.append(.object(members))
        }
        var envelope = parts.members
        envelope["operations"] = .array(operations)
        return (.object(envelope), deferred)
    }
}

/// The records of one deferred create operation: ranges of the request body, each an object's JSON text.
struct DeferredRecords: Sendable {
    /// The whole request body (shared, not copied); ranges count from its reader index.
    let body: ByteBuffer
    let ranges: [Range<Int>]
    /// Whether `data` was an array (`create-all`) rather than one object (`create-one`).
    let isArray: Bool
    /// The limits a record must meet: the body's, less the nesting around the record.
    let options: JSONParser.Options

    /// The number of records.
    var count: Int { ranges.count }

    /// Calls `work` with record `index`'s JSON text.
    func withRecord<T>(_ index: Int, _ work: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try body.withUnsafeReadableBytes { try work(UnsafeRawBufferPointer(rebasing: $0[ranges[index]])) }
    }

    /// Record `index` as a value.
    ///
    /// - Throws: `JSONError` for a malformed record (see ``BulkBody/checkRecords()``).
    func record(_ index: Int) throws -> JSONValue {
        try withRecord(index) { try JSONParser.parse($0, options: options) }
    }

    /// `data` as sent (the records as values).
    var value: JSONValue {
        get throws {
            isArray ? .array(try (0..<count).map(record)) : try record(0)
        }
    }

    /// Whether every record is well-formed JSON within the limits.
    var isValid: Bool {
        var canonicalizer = Canonicalizer(options: options)
        return (0..<count).allSatisfy { index in withRecord(index) { (try? canonicalizer.canonicalize($0)) != nil } }
    }

    /// What ``BulkRequest`` sees instead of `data`: the same shape with empty objects.
    var placeholder: JSONValue {
        isArray ? .array(Array(repeating: .object([:]), count: count)) : .object([:])
    }

    /// Whether a `$ref:` may occur in the records: they hold a `$`, or its escape `\u0024` (any spelling of
    /// a ref needs one of the two).
    var mayMentionReference: Bool {
        guard let first = ranges.first?.lowerBound, let last = ranges.last?.upperBound else { return false }
        return body.withUnsafeReadableBytes { raw in
            guard let base = raw.baseAddress else { return false }
            let start = base + first
            let length = last - first
            if memchr(start, Int32(UInt8(ascii: "$")), length) != nil { return true }
            let escape = Array(#"u0024"#.utf8)
            var cursor = start
            let end = start + length
            while cursor < end, let found = memchr(cursor, Int32(UInt8(ascii: "\\")), end - cursor) {
                let next = UnsafeRawPointer(found) + 1
                if end - next >= escape.count,
                    escape.indices.allSatisfy({ next.load(fromByteOffset: $0, as: UInt8.self) == escape[$0] })
                {
                    return true
                }
                cursor = next
            }
            return false
        }
    }
}
