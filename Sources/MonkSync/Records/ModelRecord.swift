import MonkCore

/// A record together with the model it belongs to: what a ``RecordSource`` yields.
///
/// Sources yield records in ascending ``key`` order: by model, then by `id`, both compared as UTF-8 bytes.
package struct ModelRecord: Sendable, Hashable {
    /// The model's name (`users`).
    package var model: String
    /// The record: id, canonical bytes and hash.
    package var record: CanonicalRecord

    package init(model: String, record: CanonicalRecord) {
        self.model = model
        self.record = record
    }

    /// The record's id.
    package var id: String { record.id }

    /// The sort and join key.
    package var key: RecordKey { RecordKey(model: model, id: record.id) }
}

/// Where a record sits in sync order: model first, then id, each compared by UTF-8 bytes.
package struct RecordKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var model: String
    package var id: String

    package init(model: String, id: String) {
        self.model = model
        self.id = id
    }

    package static func < (lhs: RecordKey, rhs: RecordKey) -> Bool {
        if !lhs.model.utf8.elementsEqual(rhs.model.utf8) { return JSONObject.precedes(lhs.model, rhs.model) }
        return JSONObject.precedes(lhs.id, rhs.id)
    }

    package static func == (lhs: RecordKey, rhs: RecordKey) -> Bool {
        lhs.model.utf8.elementsEqual(rhs.model.utf8) && lhs.id.utf8.elementsEqual(rhs.id.utf8)
    }

    package func hash(into hasher: inout Hasher) {
        for byte in model.utf8 { hasher.combine(byte) }
        hasher.combine(0xFF as UInt8)
        for byte in id.utf8 { hasher.combine(byte) }
    }

    /// `users/u1`, for messages.
    package var description: String { "\(model)/\(id)" }
}
