/// A record as sync sources yield it (DESIGN.md §2): its `id`, its canonical bytes and its hash.
///
/// `bytes` is the whole record in canonical JSON, system fields included (copies and backups carry them);
/// `hash` covers only what the ``FieldSelection`` compares. Records compare and sort by `id`'s UTF-8 bytes
/// in sync code; equality here is field-by-field.
///
/// ```swift
/// let record = try CanonicalRecord(json: #"{"name":"Ada","id":"u1","updated_at":"2026-01-01"}"#)
/// record.id          // "u1"
/// record.bytes       // {"id":"u1","name":"Ada","updated_at":"2026-01-01"}
/// record.hash.hex    // hash of {"id":"u1","name":"Ada"}
/// ```
package struct CanonicalRecord: Sendable, Hashable {
    /// The record's `id`.
    package let id: String
    /// The whole record as canonical JSON.
    package let bytes: [UInt8]
    /// The hash of the selected fields' canonical bytes.
    package let hash: RecordHash

    /// A record from parts the caller already knows to be consistent (for example, read back from a store).
    package init(id: String, bytes: [UInt8], hash: RecordHash) {
        self.id = id
        self.bytes = bytes
        self.hash = hash
    }

    /// Reads one record from JSON text (a JSONL line). For many records keep a ``RecordCanonicalizer``.
    ///
    /// - Throws: ``RecordError`` when the text is not valid JSON, not an object, or lacks a string `id`.
    package init(json: [UInt8], selection: FieldSelection = .default) throws(RecordError) {
        var canonicalizer = RecordCanonicalizer(selection: selection)
        self = try canonicalizer.record(from: json)
    }

    /// Reads one record from JSON text; see ``init(json:selection:)-([UInt8],_)``.
    package init(json: String, selection: FieldSelection = .default) throws(RecordError) {
        var canonicalizer = RecordCanonicalizer(selection: selection)
        self = try canonicalizer.record(from: json)
    }

    /// A record from an object value.
    ///
    /// - Throws: ``RecordError`` when the object lacks a non-empty string `id`.
    package init(object: JSONObject, selection: FieldSelection = .default) throws(RecordError) {
        guard let idValue = object["id"] else {
            throw RecordError(code: .missingID, message: #"record has no "id""#)
        }
        guard case .string(let id) = idValue, !id.isEmpty else {
            throw RecordError(
                code: .invalidID,
                message: idValue.stringValue == nil
                    ? #"record "id" is a \#(idValue.typeName), expected a string"#
                    : #"record "id" is empty"#
            )
        }
        self.id = id
        bytes = object.canonicalBytes
        hash = RecordHash(hashing: selection.apply(to: object).canonicalBytes)
    }

    /// The canonical bytes as text.
    package var canonicalString: String { String(decoding: bytes, as: UTF8.self) }
}
