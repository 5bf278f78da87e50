import MonkCore

/// A record's canonical bytes as a bulk write may carry them, spliced without building a JSON tree: the same
/// members ``BulkOperationEncoder/writable(_:)`` keeps (everything but `trashed_at`, `deleted_at` and the
/// `access_*` lists).
///
/// Canonical JSON (DESIGN.md §4) is compact, so the top-level members can be walked byte by byte
/// (``CompactJSONSpans``): strings are skipped to their closing quote, containers to their matching bracket.
///
/// ```swift
/// var body: [UInt8] = []
/// WritableRecordBytes.append(record.bytes, to: &body)
/// ```
enum WritableRecordBytes {
    /// Appends `record` (a canonical JSON object) to `output` without the members a bulk write must not carry.
    ///
    /// Bytes that are not a compact object (never produced by the canonical encoder) go through a JSON tree
    /// instead, so the result is right either way.
    static func append(_ record: [UInt8], to output: inout [UInt8]) {
        let start = output.count
        let isSpliced = record.withUnsafeBufferPointer { bytes in splice(bytes, into: &output) }
        guard !isSpliced else { return }
        output.removeSubrange(start...)
        guard case .object(let object)? = try? JSONParser.parse(record) else {
            output.append(contentsOf: record)
            return
        }
        output.append(contentsOf: JSONValue.object(BulkOperationEncoder.writable(object)).canonicalBytes)
    }

    /// Copies the kept members of the compact object `bytes` to `output`; `false` when `bytes` is not one.
    private static func splice(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Bool {
        let count = bytes.count
        guard count >= 2, let base = bytes.baseAddress, bytes[0] == UInt8(ascii: "{"),
            bytes[count - 1] == UInt8(ascii: "}")
        else { return false }
        output.append(UInt8(ascii: "{"))
        var index = 1
        var isFirst = true
        while index < count - 1 {
            guard bytes[index] == UInt8(ascii: "\""),
                let keyEnd = CompactJSONSpans.stringEnd(base, from: index, limit: count),
                keyEnd < count, bytes[keyEnd] == UInt8(ascii: ":"),
                let valueEnd = CompactJSONSpans.valueEnd(base, from: keyEnd + 1, limit: count - 1)
            else { return false }
            if !isExcluded(UnsafeBufferPointer(rebasing: bytes[(index + 1)..<(keyEnd - 1)])) {
                if !isFirst { output.append(UInt8(ascii: ",")) }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<valueEnd]))
                isFirst = false
            }
            index = valueEnd
            if index < count - 1 {
                guard bytes[index] == UInt8(ascii: ",") else { return false }
                index += 1
            }
        }
        output.append(UInt8(ascii: "}"))
        return true
    }

    /// Whether the member named by `key` (its bytes between the quotes) is left out of bulk writes.
    private static func isExcluded(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = key.first,
            first == UInt8(ascii: "a") || first == UInt8(ascii: "d") || first == UInt8(ascii: "t")
        else { return false }
        return key.starts(with: "access_".utf8) || key.elementsEqual("deleted_at".utf8)
            || key.elementsEqual("trashed_at".utf8)
    }
}
