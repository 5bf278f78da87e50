import MonkCore

/// One change that turns a destination record into the source's (DESIGN.md §6–7).
///
/// Inserts carry the new record, deletes the full before-image, updates both images and the field-level
/// ``FieldChange``; so every operation can be reversed and every apply can detect conflicts.
package enum PatchOperation: Sendable, Hashable {
    /// The source has a record the destination lacks.
    case insert(model: String, record: CanonicalRecord)
    /// Both have the record and its compared fields differ; `old` is the destination's, `new` the source's.
    case update(model: String, old: CanonicalRecord, new: CanonicalRecord, change: FieldChange)
    /// The destination has a record the source lacks; `record` is its before-image.
    case delete(model: String, record: CanonicalRecord)

    /// The kinds, as patch files spell them.
    package enum Kind: String, Sendable, CaseIterable {
        case insert, update, delete
    }

    package var kind: Kind {
        switch self {
        case .insert: .insert
        case .update: .update
        case .delete: .delete
        }
    }

    package var model: String {
        switch self {
        case .insert(let model, _), .update(let model, _, _, _), .delete(let model, _): model
        }
    }

    package var id: String {
        switch self {
        case .insert(_, let record), .delete(_, let record): record.id
        case .update(_, let old, _, _): old.id
        }
    }

    /// Where the operation sorts in a patch: (model, id).
    package var key: RecordKey { RecordKey(model: model, id: id) }

    /// The record the destination must hold before the operation applies (`nil` for inserts).
    package var beforeImage: CanonicalRecord? {
        switch self {
        case .insert: nil
        case .update(_, let old, _, _): old
        case .delete(_, let record): record
        }
    }

    /// The same operation for another model name (a single-model patch applied to a differently named model).
    package func renamed(to model: String) -> PatchOperation {
        switch self {
        case .insert(_, let record): .insert(model: model, record: record)
        case .update(_, let old, let new, let change): .update(model: model, old: old, new: new, change: change)
        case .delete(_, let record): .delete(model: model, record: record)
        }
    }

    /// The operation that undoes this one: inserts become deletes, deletes inserts, updates swap their images.
    ///
    /// - Throws: ``SyncError`` `.invalidData` when an update's old image is not a JSON object.
    package func reversed() throws(SyncError) -> PatchOperation {
        switch self {
        case .insert(let model, let record): return .delete(model: model, record: record)
        case .delete(let model, let record): return .insert(model: model, record: record)
        case .update(let model, let old, let new, let change):
            let oldObject = try Self.object(of: old, model: model)
            return .update(model: model, old: new, new: old, change: change.reversed(restoring: oldObject))
        }
    }

    /// The parsed object of a record's canonical bytes.
    static func object(of record: CanonicalRecord, model: String) throws(SyncError) -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONParser.parse(record.bytes)
        } catch {
            throw SyncError(code: .invalidData, message: "\(model)/\(record.id): \(error)")
        }
        guard case .object(let object) = value else {
            throw SyncError(code: .invalidData, message: "\(model)/\(record.id): record is not a JSON object")
        }
        return object
    }
}
