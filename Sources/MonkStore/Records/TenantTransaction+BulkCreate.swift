import GRDB
import MonkCore

/// Creates from bytes MonkCore already validated and encoded (``RecordBytesCreator``): the bulk create path
/// of `POST /api/bulk`, which builds no `JSONValue` for its records.
extension TenantTransaction {
    /// Whether prepared creates may be used for `model`: its writes need no uniqueness or relationship query
    /// (those checks read the record's values, so such models take ``createRecord(_:in:caller:now:index:)``).
    package static func takesPreparedCreates(_ model: ModelInfo) -> Bool {
        !model.hasUniqueFields && !model.hasRequiredRelationships
    }

    /// Inserts a prepared create; see ``PreparedCreateWriter/create(_:now:)``.
    package func createPrepared(_ prepared: PreparedCreate, in model: ModelInfo, now: String) throws -> StoredRecord {
        try preparedCreateWriter(for: model).create(prepared, now: now)
    }

    /// A writer of prepared creates into `model` that prepares its insert once, for a loop over many records.
    ///
    /// The caller must have authorized the creates, and `model` must pass ``takesPreparedCreates(_:)``.
    package func preparedCreateWriter(for model: ModelInfo) throws -> PreparedCreateWriter {
        PreparedCreateWriter(
            model: model.name,
            statement: try db.cachedStatement(sql: RecordRows.insertSQL(into: model.name))
        )
    }
}

/// Inserts prepared creates into one model of a transaction (from ``TenantTransaction/preparedCreateWriter(for:)``);
/// valid only inside that transaction.
package struct PreparedCreateWriter {
    let model: String
    let statement: Statement

    /// Inserts `prepared`: the same row ``TenantTransaction/createRecord(_:in:caller:now:index:)`` writes for the
    /// same body (the stored bytes, their hash, `created_at` from the body or `now`, `updated_at` from the body
    /// or `created_at`, no ACLs).
    ///
    /// `hash`, when given, must be ``RecordCodec/hash(of:)`` of `prepared.data` (computed elsewhere, for
    /// example on another thread).
    ///
    /// - Throws: `StoreError` `RECORD_EXISTS` for a taken id (as ``TenantTransaction/insert(_:into:)``), or
    ///   what SQLite reports.
    package func create(_ prepared: PreparedCreate, hash: [UInt8]? = nil, now: String) throws -> StoredRecord {
        let createdAt = prepared.createdAt ?? now
        let record = StoredRecord(
            id: prepared.id,
            data: prepared.data,
            hash: hash ?? RecordCodec.hash(of: prepared.data),
            createdAt: createdAt,
            updatedAt: prepared.updatedAt ?? createdAt
        )
        try RecordRows.insertNew(record, with: statement, model: model)
        return record
    }
}
