import Foundation
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

    /// Negative, zero or positive as `lhs` sorts before, with or after `rhs`.
    package static func compare(_ lhs: RecordKey, _ rhs: RecordKey) -> Int {
        let byModel = UTF8Order.compare(lhs.model, rhs.model)
        return byModel != 0 ? byModel : UTF8Order.compare(lhs.id, rhs.id)
    }

    package static func < (lhs: RecordKey, rhs: RecordKey) -> Bool { compare(lhs, rhs) < 0 }

    package static func == (lhs: RecordKey, rhs: RecordKey) -> Bool { compare(lhs, rhs) == 0 }

    package func hash(into hasher: inout Hasher) {
        for byte in model.utf8 { hasher.combine(byte) }
        hasher.combine(0xFF as UInt8)
        for byte in id.utf8 { hasher.combine(byte) }
    }

    /// `users/u1`, for messages.
    package var description: String { "\(model)/\(id)" }
}

/// Byte-wise comparison of strings' UTF-8, the order sync sorts ids and models in (DESIGN.md §2).
///
/// `String`'s own `<` follows Unicode canonical equivalence, which is not byte order; this compares the
/// contiguous UTF-8 storage with `memcmp`, the hot comparison of every merge-join step.
package enum UTF8Order {
    /// Negative, zero or positive as `lhs` sorts before, with or after `rhs`.
    package static func compare(_ lhs: String, _ rhs: String) -> Int {
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                let common = min(left.count, right.count)
                if common > 0, let a = left.baseAddress, let b = right.baseAddress {
                    let order = memcmp(a, b, common)
                    if order != 0 { return Int(order) }
                }
                return left.count - right.count
            }
        }
    }
}
