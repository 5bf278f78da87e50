import GRDB
import MonkCore

/// Model and field definitions of a tenant, stored as records of the bootstrap models `models` and `fields`.
extension TenantTransaction {
    /// The model called `name` with its live fields; trashed models only with `includeTrashed`.
    package func model(named name: String, includeTrashed: Bool = false) throws -> ModelInfo? {
        if let (cache, generation) = modelCache, let model = cache.model(named: name, generation: generation) {
            return model
        }
        let model = try loadModel(named: name, includeTrashed: includeTrashed)
        if let (cache, generation) = modelCache, let model, !model.isTrashed {
            cache.keep(model, generation: generation)
        }
        return model
    }

    private func loadModel(named name: String, includeTrashed: Bool) throws -> ModelInfo? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: "SELECT data, trashed_at FROM models WHERE data ->> '$.model_name' = ?",
                arguments: [name]
            )
        else { return nil }
        let trashedAt: String? = row["trashed_at"]
        if trashedAt != nil && !includeTrashed { return nil }
        var object = try parsedObject(row["data"])
        object.removeValue(forKey: "id")
        let fields = try String.fetchAll(
            db,
            sql: """
                SELECT data FROM fields WHERE data ->> '$.model_name' = ? AND trashed_at IS NULL
                ORDER BY data ->> '$.field_name'
                """,
            arguments: [name]
        ).map { text -> JSONValue in
            var field = try parsedObject(text)
            field.removeValue(forKey: "id")
            return .object(field)
        }
        object["fields"] = .array(fields)
        do {
            let definition = try ModelDefinition(decodingTrusted: object)
            return ModelInfo(definition: definition, isTrashed: trashedAt != nil)
        } catch {
            throw StoreError(
                code: "INTERNAL_ERROR",
                message: "the stored definition of \(name) is unreadable: \(error)"
            )
        }
    }

    /// Names of the live models, sorted.
    package func modelNames() throws -> [String] {
        try String.fetchAll(
            db,
            sql: "SELECT data ->> '$.model_name' AS name FROM models WHERE trashed_at IS NULL ORDER BY name"
        )
    }

    /// Creates a model, its fields, its table and its view. The caller has validated the definitions.
    ///
    /// - Throws: `StoreError` `MODEL_EXISTS` (`data.model_name`, `data.trashed` for a trashed one).
    package func createModel(_ model: ModelInfo, now: String) throws {
        if let existing = try self.model(named: model.name, includeTrashed: true) {
            var details: JSONObject = ["model_name": .string(model.name)]
            if existing.isTrashed { details["trashed"] = true }
            throw StoreError(code: "MODEL_EXISTS", message: "model '\(model.name)' already exists", details: details)
        }
        try insert(
            RecordCodec.stored(
                id: UUIDs.random(),
                fields: model.definition.apiObject(),
                createdAt: now,
                updatedAt: now
            ),
            into: "models"
        )
        try TenantSchema.createModelTable(db, model: model.name)
        for field in model.fields { try insertFieldRow(field, now: now) }
        try refreshIndexesAndView(model.name)
    }

    /// Replaces a model's own settings (not its fields).
    package func updateModel(_ definition: ModelDefinition, now: String) throws {
        let object = definition.apiObject()
        let name = definition.modelName
        guard
            let id = try String.fetchOne(
                db,
                sql: "SELECT id FROM models WHERE data ->> '$.model_name' = ?",
                arguments: [name]
            ),
            var record = try record(id: id, in: "models", scope: .include)
        else { throw StoreError(code: "MODEL_NOT_FOUND", message: "model not found") }
        let replacement = RecordCodec.stored(id: id, fields: object, createdAt: record.createdAt, updatedAt: now)
        record.data = replacement.data
        record.hash = replacement.hash
        record.updatedAt = now
        try replace(record, in: "models")
    }

    /// Trashes a model (it disappears from reads; its table stays until a permanent delete).
    package func trashModel(_ name: String, now: String) throws {
        try db.execute(
            sql: "UPDATE models SET trashed_at = ? WHERE data ->> '$.model_name' = ?",
            arguments: [now, name]
        )
    }

    /// Removes a model, its fields, table and view for good.
    package func dropModel(_ name: String) throws {
        try db.execute(sql: "DELETE FROM models WHERE data ->> '$.model_name' = ?", arguments: [name])
        try db.execute(sql: "DELETE FROM fields WHERE data ->> '$.model_name' = ?", arguments: [name])
        try TenantSchema.dropModelTable(db, model: name)
    }

    /// Adds a field to a model; existing records get `null` for it (and a new hash).
    package func addField(_ field: FieldDefinition, now: String) throws {
        try insertFieldRow(field, now: now)
        let value = field.defaultJSONValue ?? .null
        try rewriteRecords(of: field.modelName) { $0[field.fieldName] = value }
        try refreshIndexesAndView(field.modelName)
    }

    /// Replaces a field's object; existing values are left as they are (type changes are refused by the caller).
    package func updateField(_ field: FieldDefinition, now: String) throws {
        try db.execute(
            sql: """
                UPDATE fields SET data = ?, updated_at = ? WHERE data ->> '$.model_name' = ? AND data ->> '$.field_name' = ?
                """,
            arguments: [
                String(decoding: fieldRow(field, id: try fieldID(field)).data, as: UTF8.self), now, field.modelName,
                field.fieldName,
            ]
        )
        try refreshIndexesAndView(field.modelName)
    }

    /// Removes a field and its values from every record.
    package func removeField(model: String, field: String) throws {
        try db.execute(
            sql: "DELETE FROM fields WHERE data ->> '$.model_name' = ? AND data ->> '$.field_name' = ?",
            arguments: [model, field]
        )
        try db.execute(sql: "DROP INDEX IF EXISTS \(TenantSchema.quoted("\(model)__\(field)"))")
        try rewriteRecords(of: model) { $0.removeValue(forKey: field) }
        try refreshIndexesAndView(model)
    }

    // MARK: Helpers

    private func insertFieldRow(_ field: FieldDefinition, now: String) throws {
        var row = fieldRow(field, id: UUIDs.random())
        row.createdAt = now
        row.updatedAt = now
        try insert(row, into: "fields")
    }

    private func fieldRow(_ field: FieldDefinition, id: String) -> StoredRecord {
        RecordCodec.stored(id: id, fields: field.apiObject, createdAt: "", updatedAt: "")
    }

    private func fieldID(_ field: FieldDefinition) throws -> String {
        try String.fetchOne(
            db,
            sql: "SELECT id FROM fields WHERE data ->> '$.model_name' = ? AND data ->> '$.field_name' = ?",
            arguments: [field.modelName, field.fieldName]
        ) ?? UUIDs.random()
    }

    private func rewriteRecords(of model: String, _ change: (inout JSONObject) -> Void) throws {
        var query = RecordQuery()
        query.trashed = .include
        for var record in try records(in: model, query: query) {
            var fields = RecordCodec.fields(of: record)
            change(&fields)
            let data = JSONValue.object(fields).canonicalBytes
            record.data = data
            record.hash = RecordCodec.hash(of: data)
            try replace(record, in: model)
        }
    }

    /// Unique and plain expression indexes for fields marked `unique` / `index` (DESIGN.md §11), and the view.
    private func refreshIndexesAndView(_ name: String) throws {
        guard let model = try model(named: name, includeTrashed: true) else { return }
        for field in model.fields {
            let index = TenantSchema.quoted("\(name)__\(field.fieldName)")
            try db.execute(sql: "DROP INDEX IF EXISTS \(index)")
            guard field.isUnique || field.isIndexed else { continue }
            let unique = field.isUnique ? "UNIQUE " : ""
            let path = FieldPaths.jsonPath(field.fieldName)
            try db.execute(
                sql: """
                    CREATE \(unique)INDEX \(index) ON \(TenantSchema.quoted(name)) (data ->> \(path))
                    WHERE trashed_at IS NULL
                    """
            )
        }
        try TenantSchema.refreshView(db, model: name, fields: model.fields.map { ($0.fieldName, $0.type.apiName) })
    }

    private func parsedObject(_ text: String) throws -> JSONObject {
        guard case .object(let object)? = try? JSONParser.parse(text) else {
            throw StoreError(code: "INTERNAL_ERROR", message: "a model definition in the tenant file is unreadable")
        }
        return object
    }
}

extension TenantTransaction {
    /// The live model called `name`, or 404 `MODEL_NOT_FOUND` (`data.model_name`).
    package func requireModel(_ name: String) throws -> ModelInfo {
        guard let model = try model(named: name) else {
            throw StoreError(
                code: "MODEL_NOT_FOUND",
                message: "model '\(name)' not found",
                details: ["model_name": .string(name)]
            )
        }
        return model
    }
}
