import GRDB
import MonkCore

/// Record operations with the Data API's rules (API.md §2): permissions, system fields, validation, uniqueness,
/// soft delete and cascades. Each throws a `StoreError` in the API's vocabulary.
extension TenantTransaction {
    /// Checks that `caller` may perform `action` on `model` at all (role, sudo, frozen, protected).
    package func authorize(_ action: RecordAction, on model: ModelInfo, caller: Caller) throws {
        if action != .read, ModelInfo.reservedNames.contains(model.name) {
            throw StoreError(code: "MODEL_PROTECTED", message: "use the Describe API to change \(model.name)")
        }
        if model.needsSudo, !caller.isSudo {
            throw StoreError(code: "SUDO_REQUIRED", message: "model \(model.name) needs sudo")
        }
        if action != .read, model.isFrozen {
            throw StoreError(code: "MODEL_FROZEN", message: "model \(model.name) is frozen")
        }
        if model.isImmutable, action == .update || action == .delete {
            throw StoreError(code: "MODEL_IMMUTABLE", message: "records of \(model.name) cannot change")
        }
        if !caller.isSudo, !caller.has(action.role) {
            throw StoreError(code: "PERMISSION_DENIED", message: "\(action.role) access is needed")
        }
    }

    /// Whether `caller` may see `record` (explicit ACLs replace the role fallback; sudo bypasses them).
    package func canRead(_ record: StoredRecord, caller: Caller) -> Bool {
        guard !caller.isSudo, !record.access.isEmpty else { return true }
        let user = caller.userID
        if record.access.deny.contains(user) { return false }
        return record.access.read.contains(user) || record.access.edit.contains(user)
            || record.access.full.contains(user)
    }

    /// The SQL condition limiting reads to the records `caller` may see.
    package func visibility(for caller: Caller) -> SQLCondition {
        if caller.isSudo { return .all }
        let user = "\"\(caller.userID)\""
        return SQLCondition(
            sql: """
                ((access_read = '[]' AND access_edit = '[]' AND access_full = '[]' AND access_deny = '[]')
                OR (instr(access_deny, ?) = 0
                    AND (instr(access_read, ?) > 0 OR instr(access_edit, ?) > 0 OR instr(access_full, ?) > 0)))
                """,
            arguments: Array(repeating: user.databaseValue, count: 4)
        )
    }

    /// A record `caller` may read, or 404 `RECORD_NOT_FOUND`.
    package func readableRecord(
        id: String,
        in model: ModelInfo,
        caller: Caller,
        scope: TrashedScope = .exclude
    ) throws -> StoredRecord {
        guard let uuid = UUIDText.canonical(id), let record = try record(id: uuid, in: model.name, scope: scope),
            canRead(record, caller: caller)
        else {
            throw StoreError(code: "RECORD_NOT_FOUND", message: "record \(id) not found", details: ["id": .string(id)])
        }
        return record
    }

    /// Creates one record from a Data API body: MonkCore's ``RecordValidator`` applies transforms, defaults,
    /// types and rules, then uniqueness and relationship targets are checked.
    ///
    /// - Parameter index: The body's position in an array request, for `record_index`.
    package func createRecord(
        _ body: JSONObject,
        in model: ModelInfo,
        caller: Caller,
        now: String,
        index: Int? = nil
    ) throws -> StoredRecord {
        let validation: RecordValidation
        do {
            validation = try model.validator.validateCreate(body, authority: caller.authority)
        } catch {
            throw StoreError(code: error.code.rawValue, message: error.message, details: error.details)
        }
        try Self.check(validation, index: index)
        var output = validation.record
        // The id stays in `output`: `data` holds it too (RecordCodec.stored).
        let id = output[SystemField.id]?.stringValue ?? UUIDs.random()
        let createdAt = output.removeValue(forKey: "created_at")?.stringValue ?? now
        let updatedAt = output.removeValue(forKey: "updated_at")?.stringValue ?? createdAt
        // Only a sudo writer's body keeps `access_*` keys (RecordValidator); most bodies have none.
        let hasAccess = output.members.contains {
            $0.key.utf8.first == UInt8(ascii: "a") && $0.key.hasPrefix("access_")
        }
        let access = hasAccess ? Self.accessLists(from: &output, current: AccessLists()) : AccessLists()
        try checkUnique(output, model: model, excluding: id)
        try checkRelationships(output, model: model, index: index)
        let record = RecordCodec.stored(
            id: id,
            fields: output,
            createdAt: createdAt,
            updatedAt: updatedAt,
            access: access
        )
        try insert(record, into: model.name)
        return record
    }

    /// Applies a partial update to the live record `id`.
    ///
    /// - Throws: `RECORD_NOT_FOUND`, `SOFT_DELETE_PROTECTION` (trashed), `PERMISSION_DENIED` (ACL),
    ///   `FIELD_IMMUTABLE`, `FIELD_REQUIRES_SUDO`, `DATA_VALIDATION_FAILED`, `UNIQUE_VIOLATION`, `BAD_REQUEST`.
    package func updateRecord(
        id: String,
        changes body: JSONObject,
        in model: ModelInfo,
        caller: Caller,
        now: String,
        index: Int? = nil
    ) throws -> StoredRecord {
        var record = try writableRecord(id: id, in: model, caller: caller, action: .update)
        let validation: RecordValidation
        do {
            validation = try model.validator
                .validateUpdate(body, of: RecordCodec.fields(of: record), authority: caller.authority)
        } catch {
            throw StoreError(code: error.code.rawValue, message: error.message, details: error.details)
        }
        try Self.check(validation, index: index)
        var output = validation.record
        output.removeValue(forKey: SystemField.id)
        if let createdAt = output.removeValue(forKey: "created_at")?.stringValue { record.createdAt = createdAt }
        record.updatedAt = output.removeValue(forKey: "updated_at")?.stringValue ?? now
        record.access = Self.accessLists(from: &output, current: record.access)
        try checkUnique(output, model: model, excluding: record.id)
        try checkRelationships(output, model: model, index: index)
        let updated = RecordCodec.stored(id: record.id, fields: output, createdAt: "", updatedAt: "")
        record.data = updated.data
        record.hash = updated.hash
        try replace(record, in: model.name)
        return record
    }

    /// Throws `DATA_VALIDATION_FAILED` for a validation with violations.
    private static func check(_ validation: RecordValidation, index: Int?) throws {
        guard !validation.isValid else { return }
        let violations = validation.violations.map { violation in
            var violation = violation
            violation.recordIndex = index
            return violation
        }
        let first = violations.first.map { "\($0.field): \($0.message)" } ?? ""
        throw StoreError(
            code: "DATA_VALIDATION_FAILED",
            message: "validation failed (\(violations.count) error(s)); first: \(first)",
            details: FieldViolation.details(violations)
        )
    }

    /// Takes the `access_*` keys out of a validated record, falling back to `current` for absent ones.
    private static func accessLists(from output: inout JSONObject, current: AccessLists) -> AccessLists {
        func ids(_ key: String, _ fallback: [String]) -> [String] {
            guard let value = output.removeValue(forKey: key) else { return fallback }
            return value.arrayValue?.compactMap(\.stringValue) ?? []
        }
        return AccessLists(
            read: ids("access_read", current.read),
            edit: ids("access_edit", current.edit),
            full: ids("access_full", current.full),
            deny: ids("access_deny", current.deny)
        )
    }

    /// Trashes the live record `id` and, through `cascade_delete` relationships, its children.
    package func trashRecord(id: String, in model: ModelInfo, caller: Caller, now: String) throws -> StoredRecord {
        var record = try writableRecord(id: id, in: model, caller: caller, action: .delete)
        record.trashedAt = now
        try replace(record, in: model.name)
        try cascadeTrash(parent: model.name, id: record.id, now: now)
        return record
    }

    /// A live record the caller may change with `action`, with the API's errors for every other case.
    package func writableRecord(id: String, in model: ModelInfo, caller: Caller, action: RecordAction) throws
        -> StoredRecord
    {
        let record = try readableRecord(id: id, in: model, caller: caller, scope: .include)
        if record.trashedAt != nil {
            throw StoreError(
                code: "SOFT_DELETE_PROTECTION",
                message: "record \(record.id) is trashed; restore it first",
                details: ["id": .string(record.id)]
            )
        }
        if !caller.isSudo, !record.access.isEmpty {
            let user = caller.userID
            let allowed =
                action == .delete
                ? record.access.full.contains(user)
                : record.access.edit.contains(user) || record.access.full.contains(user)
            if !allowed {
                throw StoreError(code: "PERMISSION_DENIED", message: "the record's ACL forbids this change")
            }
        }
        return record
    }

    private func cascadeTrash(parent: String, id: String, now: String) throws {
        let rows = try String.fetchAll(
            db,
            sql: """
                SELECT data FROM fields WHERE trashed_at IS NULL AND data ->> '$.related_model' = ?
                AND data ->> '$.cascade_delete' = 1
                """,
            arguments: [parent]
        )
        for text in rows {
            // Field rows are canonical JSON written by the store; an unreadable one has no cascade to follow.
            guard case .object(let field)? = try? JSONParser.parse(text),
                let child = field["model_name"]?.stringValue, let name = field["field_name"]?.stringValue
            else { continue }
            let ids = try String.fetchAll(
                db,
                sql:
                    "SELECT id FROM \(TenantSchema.quoted(child)) WHERE trashed_at IS NULL AND data ->> \(FieldPaths.jsonPath(name)) = ?",
                arguments: [id]
            )
            try db.execute(
                sql:
                    "UPDATE \(TenantSchema.quoted(child)) SET trashed_at = ? WHERE trashed_at IS NULL AND data ->> \(FieldPaths.jsonPath(name)) = ?",
                arguments: [now, id]
            )
            for childID in ids { try cascadeTrash(parent: child, id: childID, now: now) }
        }
    }

    private func checkUnique(_ fields: JSONObject, model: ModelInfo, excluding id: String) throws {
        guard model.hasUniqueFields else { return }
        for field in model.fields where field.isUnique {
            guard let value = fields[field.fieldName], !value.isNull else { continue }
            let taken = try Bool.fetchOne(
                db,
                sql: """
                    SELECT 1 FROM \(TenantSchema.quoted(model.name))
                    WHERE trashed_at IS NULL AND id != ? AND data -> \(FieldPaths.jsonPath(field.fieldName)) = ?
                    """,
                arguments: [id, value.canonicalString]
            )
            if taken != nil {
                throw StoreError(
                    code: "UNIQUE_VIOLATION",
                    message: "another record already has this \(field.fieldName)",
                    details: ["field": .string(field.fieldName)]
                )
            }
        }
    }

    private func checkRelationships(_ fields: JSONObject, model: ModelInfo, index: Int?) throws {
        guard model.hasRequiredRelationships else { return }
        var violations: [FieldViolation] = []
        for field in model.fields where field.requiredRelationship {
            guard let target = field.relatedModel, case .string(let id)? = fields[field.fieldName] else { continue }
            let exists = try Bool.fetchOne(
                db,
                sql: "SELECT 1 FROM \(TenantSchema.quoted(target)) WHERE id = ? AND trashed_at IS NULL",
                arguments: [id]
            )
            if exists == nil {
                violations.append(
                    FieldViolation(
                        field: field.fieldName,
                        code: FieldViolation.Code(rawValue: "RELATIONSHIP_TARGET_MISSING"),
                        message: "\(field.fieldName) names no live \(target)",
                        recordIndex: index
                    )
                )
            }
        }
        if !violations.isEmpty {
            throw StoreError(
                code: "DATA_VALIDATION_FAILED",
                message: "relationship target missing",
                details: FieldViolation.details(violations)
            )
        }
    }
}

extension TenantTransaction {
    /// Upsert of one body (API.md §2.2): no `id` → create; a live id → partial update; a trashed id → 422
    /// `SOFT_DELETE_PROTECTION`; an unknown id → create with that id.
    ///
    /// - Returns: The record and whether it was created.
    package func upsertRecord(
        _ body: JSONObject,
        in model: ModelInfo,
        caller: Caller,
        now: String,
        index: Int? = nil
    ) throws -> (record: StoredRecord, created: Bool) {
        guard let id = body["id"]?.stringValue.flatMap(UUIDText.canonical),
            try record(id: id, in: model.name, scope: .include) != nil
        else {
            try authorize(.create, on: model, caller: caller)
            return (try createRecord(body, in: model, caller: caller, now: now, index: index), true)
        }
        try authorize(.update, on: model, caller: caller)
        return (try updateRecord(id: id, changes: body, in: model, caller: caller, now: now, index: index), false)
    }
}
