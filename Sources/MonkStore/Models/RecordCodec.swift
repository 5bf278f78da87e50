import MonkCore

/// Turns validated field values into stored rows and stored rows into the records the API returns.
package enum RecordCodec {
    /// The system fields every record has besides `id` (API.md §0.5).
    package static let timestampFields = ["created_at", "updated_at", "trashed_at", "deleted_at"]
    package static let accessFields = ["access_read", "access_edit", "access_full", "access_deny"]

    /// Whether `name` is a system field (`id`, timestamps, `access_*`).
    package static func isSystemField(_ name: String) -> Bool {
        name == "id" || timestampFields.contains(name) || accessFields.contains(name)
    }

    /// A row for `fields` (own fields only, already validated) under `id`.
    package static func stored(
        id: String,
        fields: JSONObject,
        createdAt: String,
        updatedAt: String,
        access: AccessLists = AccessLists()
    ) -> StoredRecord {
        var object = fields
        object["id"] = .string(id)
        let data = JSONValue.object(object).canonicalBytes
        return StoredRecord(
            id: id,
            data: data,
            hash: hash(of: data),
            createdAt: createdAt,
            updatedAt: updatedAt,
            access: access
        )
    }

    /// The DESIGN.md §4 record hash of canonical bytes: the first 16 bytes of their SHA-256.
    package static func hash(of canonicalBytes: [UInt8]) -> [UInt8] {
        RecordHash(hashing: canonicalBytes).bytes
    }

    /// The record's own fields and `id`, parsed from `data`.
    package static func fields(of record: StoredRecord) -> JSONObject {
        // `data` was written by `stored(…)` as canonical JSON of an object, so it parses; an unreadable row
        // (edited by hand) reads as just its id rather than failing the whole request.
        guard case .object(let object)? = try? JSONParser.parse(record.data) else { return ["id": .string(record.id)] }
        return object
    }

    /// The record with every system field, as `POST /api/find` and JSONL streams return it.
    package static func fullObject(_ record: StoredRecord) -> JSONObject {
        var object = fields(of: record)
        object["created_at"] = .string(record.createdAt)
        object["updated_at"] = .string(record.updatedAt)
        object["trashed_at"] = record.trashedAt.map(JSONValue.string) ?? .null
        object["deleted_at"] = record.deletedAt.map(JSONValue.string) ?? .null
        for (name, ids) in record.access.fields { object[name] = .array(ids.map(JSONValue.string)) }
        return object
    }

    /// The record as a JSONL line: canonical JSON of ``fullObject(_:)``, built through the JSON tree. Streams
    /// build the same bytes without the tree (``TenantTransaction/jsonlPage(in:query:into:)``); this is the
    /// definition they are tested against.
    package static func jsonlLine(_ record: StoredRecord) -> [UInt8] {
        JSONValue.object(fullObject(record)).canonicalBytes
    }
}
