/// Reading model objects from describe bodies (API.md §5.1, §5.2, §5.4).
extension ModelDefinition {
    /// Whose model name wins when the body and the URL disagree.
    package enum NamePrecedence: Sendable {
        /// A differing body `model_name` is an error (`MODEL_NAME_MISMATCH`).
        case urlMustMatch
        /// `?force=true`: the body's `model_name` wins.
        case bodyWins
    }

    /// Decodes a model object with optional inline `fields` (an array, or a map `name → field`).
    ///
    /// The name comes from the body's `model_name` or, when absent, from `urlModelName`, and is lowercased.
    /// Keys not in §5.2 are ignored, so another server's output (with `id` and timestamps) reads back.
    ///
    /// - Throws: ``ModelError``: `BODY_NOT_OBJECT`, `MISSING_REQUIRED_FIELDS` (no name at all),
    ///   `MODEL_NAME_MISMATCH`, `INVALID_MODEL_NAME`, `BAD_REQUEST` (a key of the wrong JSON type), and every
    ///   field error of ``FieldDefinition/init(decoding:modelName:fieldName:)``.
    package init(
        decoding value: JSONValue,
        urlModelName: String? = nil,
        precedence: NamePrecedence = .urlMustMatch
    ) throws(ModelError) {
        guard case .object(let object) = value else {
            throw ModelError(code: .bodyNotObject, message: "model body must be an object")
        }
        var bodyName: String?
        switch object.member("model_name") {
        case nil, .null?: bodyName = nil
        case .string(let name)?: bodyName = name
        default: throw ModelError(code: .badRequest, message: "model: 'model_name' must be a string")
        }
        let chosen: String
        switch (bodyName, urlModelName) {
        case (nil, nil):
            throw ModelError(code: .missingRequiredFields, message: "model: 'model_name' is required")
        case (let body?, let url?) where precedence == .urlMustMatch && body.lowercased() != url.lowercased():
            throw ModelError(
                code: .modelNameMismatch,
                message: "model_name '\(body)' in the body differs from '\(url)' in the URL",
                details: ["model_name": .string(url)]
            )
        case (let body?, _): chosen = body
        case (nil, let url?): chosen = url
        }
        self.init(modelName: try NameRules.validatedModelName(chosen))
        try apply(object)
        if let fieldsValue = object.member("fields"), !fieldsValue.isNull {
            fields = try ModelDefinition.decodeFields(fieldsValue, modelName: modelName)
        }
    }

    /// This model with the keys of a `PUT /api/describe/:model` body applied; absent keys stay.
    ///
    /// - Throws: ``ModelError`` `MODEL_NAME_MISMATCH` when the body names another model, `BAD_REQUEST` for a
    ///   key of the wrong JSON type.
    package func applyingChanges(_ changes: JSONObject) throws(ModelError) -> ModelDefinition {
        if case .string(let name)? = changes.member("model_name"), name.lowercased() != modelName {
            throw ModelError(
                code: .modelNameMismatch,
                message: "model_name '\(name)' in the body differs from '\(modelName)' in the URL",
                details: ["model_name": .string(modelName)]
            )
        }
        var model = self
        try model.apply(changes)
        return model
    }

    private mutating func apply(_ object: JSONObject) throws(ModelError) {
        let body = DescribeBody(
            object: object,
            subject: "model '\(modelName)'",
            details: ["model_name": .string(modelName)]
        )
        if let text = try body.string("status") { status = text ?? "active" }
        if let text = try body.string("description") { description = text }
        requiresSudo = try body.bool("sudo") ?? requiresSudo
        isFrozen = try body.bool("frozen") ?? isFrozen
        isImmutable = try body.bool("immutable") ?? isImmutable
        isExternal = try body.bool("external") ?? isExternal
        isPassthrough = try body.bool("passthrough") ?? isPassthrough
    }

    /// Decodes inline fields: an array of field objects, or an object mapping field names to field objects.
    private static func decodeFields(_ value: JSONValue, modelName: String) throws(ModelError) -> [FieldDefinition] {
        switch value {
        case .array(let items):
            var fields: [FieldDefinition] = []
            for item in items { fields.append(try FieldDefinition(decoding: item, modelName: modelName)) }
            return fields
        case .object(let map):
            var fields: [FieldDefinition] = []
            for (name, item) in map {
                fields.append(try FieldDefinition(decoding: item, modelName: modelName, fieldName: name))
            }
            return fields
        default:
            throw ModelError(
                code: .badRequest,
                message: "model '\(modelName)': 'fields' must be an array or an object",
                details: ["model_name": .string(modelName)]
            )
        }
    }
}
