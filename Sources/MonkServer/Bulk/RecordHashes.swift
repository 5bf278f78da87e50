import MonkCore
import MonkStore

/// Record hashes as the sync endpoints and `expect_hash` define them (DESIGN.md §4, API.md §8).
enum RecordHashes {
    /// The hash of `record` under a field selection, as 32 hex digits. The default selection is exactly the
    /// stored hash (``StoredRecord/hash`` covers `id` plus the own fields), so nothing is re-encoded then.
    static func hex(of record: StoredRecord, fields: [String]?, ignoreFields: [String]) -> String {
        hash(of: record, fields: fields, ignoreFields: ignoreFields).hex
    }

    /// The hash of `record` under a field selection.
    static func hash(of record: StoredRecord, fields: [String]?, ignoreFields: [String]) -> RecordHash {
        if fields == nil && ignoreFields.isEmpty, let stored = storedHash(record) { return stored }
        let selection = FieldSelection(fields: fields, ignoreFields: ignoreFields)
        let selected = selection.apply(to: RecordCodec.fullObject(record))
        return RecordHash(hashing: JSONValue.object(selected).canonicalBytes)
    }

    /// The stored 16-byte hash as a ``RecordHash``.
    static func storedHash(_ record: StoredRecord) -> RecordHash? {
        RecordHash(hex: HexEncoding.encode(record.hash))
    }
}
