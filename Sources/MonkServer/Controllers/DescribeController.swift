import Hummingbird
import MonkCore
import MonkStore

/// The Describe API (API.md §5): reads need `read`, writes need sudo; every write is one transaction.
struct DescribeController: Sendable {
    let state: ServerState
    var authenticator: Authenticator { Authenticator(state: state) }

    func add(to router: Router<MonkRequestContext>) {
        router.get("/api/describe", use: listModels)
        router.post("/api/describe", use: createMany)
        router.get("/api/describe/:model", use: getModel)
        router.post("/api/describe/:model", use: createModel)
        router.put("/api/describe/:model", use: updateModel)
        router.delete("/api/describe/:model", use: deleteModel)
        router.get("/api/describe/:model/fields", use: listFields)
        router.post("/api/describe/:model/fields", use: createFields)
        router.get("/api/describe/:model/fields/:field", use: getField)
        router.post("/api/describe/:model/fields/:field", use: createField)
        router.put("/api/describe/:model/fields/:field", use: updateField)
        router.put("/api/describe/:model/fields", use: updateFields)
        router.delete("/api/describe/:model/fields/:field", use: deleteField)
    }

    @Sendable func listModels(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let names = try await session.store.read { tx in try tx.modelNames() }
        return Reply.success(.array(names.map(JSONValue.string)), request: request)
    }

    /// §5.4: many models at once, all or nothing.
    @Sendable func createMany(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await sudoSession(request)
        guard case .object(let body) = try await state.body.value(of: request) else {
            throw APIError(400, "BODY_NOT_OBJECT", "the body must be an object with a models array")
        }
        guard case .array(let items)? = body["models"] else {
            throw APIError(400, "BODY_MISSING_FIELD", "the body needs a models array")
        }
        let entries = try items.enumerated().map { index, item in
            guard case .object(let object) = item else {
                throw APIError(
                    400,
                    "BODY_NOT_OBJECT",
                    "model \(index) is not an object",
                    details: ["model_index": .number(JSONNumber(index))]
                )
            }
            return object
        }
        let skipExisting = Reply.flag(request.uri.queryParameters.get("skip_existing"))
        let now = Timestamps.now()
        let result = try await session.store.write { tx in
            try DescribeOperations.createModels(entries, skipExisting: skipExisting, in: tx, now: now)
        }
        return Reply.success(
            ["created": .array(result.created), "skipped": .array(result.skipped.map(JSONValue.string))],
            request: request
        )
    }

    @Sendable func getModel(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let model = try await session.store.read { tx in try tx.requireModel(name) }
        let includeFields = request.uri.queryParameters.get("include") == "fields"
        return Reply.success(DescribeOperations.object(model, includeFields: includeFields), request: request)
    }

    @Sendable func createModel(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await sudoSession(request)
        let name = try context.parameters.require("model")
        let body = try await objectBody(request)
        let force = Reply.flag(request.uri.queryParameters.get("force"))
        let definition: ModelDefinition
        do {
            definition = try ModelDefinition(
                decoding: .object(body),
                urlModelName: name,
                precedence: force ? .bodyWins : .urlMustMatch
            )
        } catch {
            throw APIError.from(error)
        }
        let entry = definition.apiObject(includingFields: true)
        let now = Timestamps.now()
        let created = try await session.store.write { tx in
            _ = try DescribeOperations.createModels([entry], skipExisting: false, in: tx, now: now)
            return try tx.requireModel(definition.modelName)
        }
        return Reply.success(
            DescribeOperations.object(created, includeFields: body.member("fields") != nil),
            request: request
        )
    }

    @Sendable func updateModel(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await sudoSession(request)
        let name = try context.parameters.require("model")
        let body = try await objectBody(request)
        let now = Timestamps.now()
        let updated = try await session.store.write { tx in
            let model = try tx.requireModel(name)
            try DescribeController.checkProtected(name)
            var changes = body
            changes.removeValue(forKey: "fields")
            let updated: ModelDefinition
            do {
                updated = try model.definition.applyingChanges(changes)
            } catch {
                throw APIError.from(error)
            }
            try tx.updateModel(updated, now: now)
            return try tx.requireModel(name)
        }
        return Reply.success(DescribeOperations.object(updated, includeFields: false), request: request)
    }

    @Sendable func deleteModel(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await sudoSession(request)
        let name = try context.parameters.require("model")
        let permanent = Reply.flag(request.uri.queryParameters.get("permanent"))
        let now = Timestamps.now()
        let model = try await session.store.write { tx in
            guard let model = try tx.model(named: name, includeTrashed: permanent) else {
                throw StoreError(
                    code: "MODEL_NOT_FOUND",
                    message: "model '\(name)' not found",
                    details: ["model_name": .string(name)]
                )
            }
            try DescribeController.checkProtected(name)
            if permanent { try tx.dropModel(name) } else { try tx.trashModel(name, now: now) }
            return model
        }
        return Reply.success(DescribeOperations.object(model, includeFields: false), request: request)
    }

    @Sendable func listFields(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let model = try await session.store.read { tx in try tx.requireModel(name) }
        return Reply.success(.array(model.fields.map { .object($0.apiObject) }), request: request)
    }

    @Sendable func createFields(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await sudoSession(request)
        let name = try context.parameters.require("model")
        guard case .array(let items) = try await state.body.value(of: request) else {
            throw APIError(400, "BODY_NOT_ARRAY", "the body must be an array of field objects")
        }
        let bodies = try DataController.objects(items)
        let created = try await addFields(session: session, model: name, bodies: bodies.map { ($0, nil) })
        return Reply.success(.array(created.map { .object($0.apiObject) }), request: request)
    }

    @Sendable func getField(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await authenticator.session(for: request)
        let name = try context.parameters.require("model")
        let fieldName = try context.parameters.require("field")
        let model = try await session.store.read { tx in try tx.requireModel(name) }
        return Reply.success(.object(try DescribeController.field(fieldName, of: model).apiObject), request: request)
    }

    @Sendable func createField(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await sudoSession(request)
        let name = try context.parameters.require("model")
        let fieldName = try context.parameters.require("field")
        let body = try await objectBody(request)
        let created = try await addFields(session: session, model: name, bodies: [(body, fieldName)])
        return Reply.success(.object(created[0].apiObject), request: request)
    }

    @Sendable func updateField(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await sudoSession(request)
        let name = try context.parameters.require("model")
        let fieldName = try context.parameters.require("field")
        let body = try await objectBody(request)
        let updated = try await changeFields(session: session, model: name, changes: [(fieldName, body)])
        return Reply.success(.object(updated[0].apiObject), request: request)
    }

    /// `PUT /api/describe/:model/fields`: an array of `{field_name, …changes}`, all or nothing.
    @Sendable func updateFields(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await sudoSession(request)
        let name = try context.parameters.require("model")
        guard case .array(let items) = try await state.body.value(of: request) else {
            throw APIError(400, "BODY_NOT_ARRAY", "the body must be an array of {field_name, …} objects")
        }
        let changes = try DataController.objects(items).map { body in
            guard let fieldName = body["field_name"]?.stringValue else {
                throw APIError(400, "FIELD_NAME_REQUIRED", "each item needs a field_name")
            }
            return (fieldName, body)
        }
        let updated = try await changeFields(session: session, model: name, changes: changes)
        return Reply.success(.array(updated.map { .object($0.apiObject) }), request: request)
    }

    /// Applies field changes in one transaction. Type changes are refused (existing values are not converted).
    private func changeFields(session: Session, model name: String, changes: [(String, JSONObject)]) async throws
        -> [FieldDefinition]
    {
        let now = Timestamps.now()
        return try await session.store.write { tx in
            let model = try tx.requireModel(name)
            try DescribeController.checkProtected(name)
            return try changes.map { fieldName, body in
                let field = try DescribeController.field(fieldName, of: model)
                let checked: FieldDefinition
                do {
                    checked = try field.applyingChanges(body)
                } catch {
                    throw APIError.from(error)
                }
                if checked.type != field.type {
                    throw StoreError(
                        code: "DATA_VALIDATION_FAILED",
                        message: "changing a field's type is not supported"
                    )
                }
                try tx.updateField(checked, now: now)
                return checked
            }
        }
    }

    @Sendable func deleteField(request: Request, context: MonkRequestContext) async throws -> Response {
        let session = try await sudoSession(request)
        let name = try context.parameters.require("model")
        let fieldName = try context.parameters.require("field")
        let removed = try await session.store.write { tx in
            let model = try tx.requireModel(name)
            try DescribeController.checkProtected(name)
            let field = try DescribeController.field(fieldName, of: model)
            try tx.removeField(model: name, field: fieldName)
            return field
        }
        return Reply.success(.object(removed.apiObject), request: request)
    }

    // MARK: Helpers

    private func addFields(session: Session, model name: String, bodies: [(JSONObject, String?)]) async throws
        -> [FieldDefinition]
    {
        let now = Timestamps.now()
        return try await session.store.write { tx in
            let model = try tx.requireModel(name)
            try DescribeController.checkProtected(name)
            return try bodies.map { body, urlName in
                let field: FieldDefinition
                do {
                    field = try FieldDefinition(decoding: .object(body), modelName: name, fieldName: urlName)
                } catch {
                    throw APIError.from(error)
                }
                if model.field(field.fieldName) != nil {
                    throw APIError(
                        409,
                        "FIELD_EXISTS",
                        "field \(field.fieldName) exists",
                        details: ["field_name": .string(field.fieldName)]
                    )
                }
                if field.isRequired, field.defaultValue == nil, try tx.count(in: name, query: RecordQuery()) > 0 {
                    throw StoreError(
                        code: "DATA_VALIDATION_FAILED",
                        message: "existing records have no value for required field \(field.fieldName)"
                    )
                }
                try tx.addField(field, now: now)
                return field
            }
        }
    }

    private func sudoSession(_ request: Request) async throws -> Session {
        let session = try await authenticator.session(for: request)
        guard session.caller.isSudo else { throw APIError(403, "SUDO_REQUIRED", "describe writes need sudo") }
        return session
    }

    private func objectBody(_ request: Request) async throws -> JSONObject {
        guard case .object(let body) = try await state.body.value(of: request) else {
            throw APIError(400, "BODY_NOT_OBJECT", "the body must be an object")
        }
        return body
    }

    static func checkProtected(_ name: String) throws {
        if DescribeOperations.protectedModels.contains(name) {
            throw APIError(403, "MODEL_PROTECTED", "system model \(name) cannot be changed")
        }
    }

    static func field(_ name: String, of model: ModelInfo) throws -> FieldDefinition {
        if RecordCodec.isSystemField(name) {
            throw APIError(404, "SYSTEM_FIELD_NOT_ACCESSIBLE", "\(name) is a system field")
        }
        guard let field = model.field(name) else {
            throw APIError(404, "FIELD_NOT_FOUND", "field \(name) not found", details: ["field_name": .string(name)])
        }
        return field
    }
}
