/// Reading field objects from describe bodies (API.md §5.1, §5.3).
extension FieldDefinition {
    /// Decodes a field object for a create (`POST …/fields`, inline `fields` of a model body).
    ///
    /// Keys not in §5.3 (`id`, timestamps from another server's output) are ignored. `fieldName`, when given
    /// (from the URL or a `name → field` map key), wins over the body's `field_name`.
    ///
    /// - Throws: ``ModelError``: `FIELD_NAME_REQUIRED` (no name), `INVALID_FIELD_NAME`, `FIELD_NAME_TOO_LONG`,
    ///   `RESERVED_FIELD_NAME`, `MISSING_REQUIRED_FIELDS` (no `type`), `INVALID_TYPE`, `INVALID_DEFAULT_VALUE`,
    ///   `BAD_REQUEST` (a key of the wrong JSON type, an unknown transform or relationship type, a pattern that
    ///   does not compile, an enum value of the wrong type).
    package init(decoding value: JSONValue, modelName: String, fieldName: String? = nil) throws(ModelError) {
        guard case .object(let object) = value else {
            throw ModelError(
                code: .bodyNotObject,
                message: "field of model '\(modelName)' must be an object",
                details: ["model_name": .string(modelName)]
            )
        }
        let name: String
        if let fieldName {
            name = fieldName
        } else if case .string(let bodyName)? = object.member("field_name") {
            name = bodyName
        } else {
            throw ModelError(
                code: .fieldNameRequired,
                message: "a field of model '\(modelName)' has no field_name",
                details: ["model_name": .string(modelName)]
            )
        }
        try NameRules.validateFieldName(name, modelName: modelName)
        let body = FieldDefinition.body(object, modelName: modelName, fieldName: name)
        guard let typeName = try body.string("type"), let typeName else {
            throw body.error(.missingRequiredFields, "'type' is required")
        }
        guard let type = FieldType(apiName: typeName) else {
            throw body.error(.invalidType, "unknown type '\(typeName)'")
        }
        self.init(modelName: modelName, fieldName: name, type: type)
        try apply(body)
    }

    /// This field with the keys of a `PUT` body applied; absent keys stay, `null` clears optional keys.
    ///
    /// `field_name` and `model_name` in the body are ignored (the URL names the field).
    ///
    /// - Throws: ``ModelError`` as ``init(decoding:modelName:fieldName:)`` for the keys present.
    package func applyingChanges(_ changes: JSONObject) throws(ModelError) -> FieldDefinition {
        var field = self
        let body = FieldDefinition.body(changes, modelName: modelName, fieldName: fieldName)
        if let typeName = try body.string("type") {
            guard let typeName, let type = FieldType(apiName: typeName) else {
                throw body.error(.invalidType, "unknown type '\(typeName ?? "null")'")
            }
            field.type = type
        }
        try field.apply(body)
        return field
    }

    private static func body(_ object: JSONObject, modelName: String, fieldName: String) -> DescribeBody {
        DescribeBody(
            object: object,
            subject: "field '\(modelName).\(fieldName)'",
            details: ["model_name": .string(modelName), "field_name": .string(fieldName)]
        )
    }

    /// Applies every §5.3 key present in `body` except `type`, then checks the combination.
    private mutating func apply(_ body: DescribeBody) throws(ModelError) {
        isRequired = try body.bool("required") ?? isRequired
        isUnique = try body.bool("unique") ?? isUnique
        isIndexed = try body.bool("index") ?? isIndexed
        isSearchable = try body.bool("searchable") ?? isSearchable
        isImmutable = try body.bool("immutable") ?? isImmutable
        requiresSudo = try body.bool("sudo") ?? requiresSudo
        isTracked = try body.bool("tracked") ?? isTracked
        cascadeDelete = try body.bool("cascade_delete") ?? cascadeDelete
        requiredRelationship = try body.bool("required_relationship") ?? requiredRelationship
        isArray = try body.bool("is_array") ?? isArray
        if let text = try body.string("description") { description = text }
        if let number = try body.number("minimum") { minimum = number }
        if let number = try body.number("maximum") { maximum = number }
        if let text = try body.string("pattern") { pattern = text }
        if let text = try body.string("related_model") { relatedModel = text }
        if let text = try body.string("related_field") { relatedField = text }
        if let text = try body.string("relationship_name") { relationshipName = text }
        if let text = try body.string("transform") {
            transform = nil
            if let text {
                guard let known = FieldTransform(rawValue: text) else {
                    throw body.error(.badRequest, "unknown transform '\(text)'")
                }
                transform = known
            }
        }
        if let text = try body.string("relationship_type") {
            relationshipType = nil
            if let text {
                guard let known = RelationshipType(apiName: text) else {
                    throw body.error(.badRequest, "unknown relationship_type '\(text)'")
                }
                relationshipType = known
            }
        }
        if let value = body.object.member("default_value") {
            defaultValue = try FieldDefinition.defaultText(value, body)
        }
        if let value = body.object.member("enum_values") { enumValues = try FieldDefinition.enumList(value, body) }
        try checkCombination(body)
    }

    /// `default_value` as stored text: strings as is, numbers canonical, booleans `true`/`false`.
    private static func defaultText(_ value: JSONValue, _ body: DescribeBody) throws(ModelError) -> String? {
        switch value {
        case .null: return nil
        case .string(let text): return text
        case .number(let number): return number.canonical
        case .bool(let flag): return flag ? "true" : "false"
        case .array, .object: throw body.error(.invalidDefaultValue, "'default_value' must be a scalar or string")
        }
    }

    private static func enumList(_ value: JSONValue, _ body: DescribeBody) throws(ModelError) -> [JSONValue]? {
        switch value {
        case .null: return nil
        case .array(let values): return values
        default: throw body.wrongType("enum_values", "an array")
        }
    }

    /// Checks what depends on several keys: default and enum values against the type, the pattern, bounds.
    private mutating func checkCombination(_ body: DescribeBody) throws(ModelError) {
        if let defaultValue, type.defaultValue(fromText: defaultValue) == nil {
            throw body.error(.invalidDefaultValue, "default_value '\(defaultValue)' is not \(type.expectation)")
        }
        if let values = enumValues {
            let scalarType = type.elementType ?? type
            var normalized: [JSONValue] = []
            for (index, value) in values.enumerated() {
                guard !value.isNull, let normal = scalarType.normalized(value) else {
                    throw body.error(.badRequest, "enum_values[\(index)] is not \(scalarType.expectation)")
                }
                normalized.append(normal)
            }
            enumValues = normalized
        }
        if let pattern {
            do {
                _ = try RegexPattern(pattern)
            } catch {
                throw body.error(.badRequest, "pattern: \(error.message)")
            }
        }
        if let minimum, let maximum, maximum < minimum {
            throw body.error(.badRequest, "minimum \(minimum) is greater than maximum \(maximum)")
        }
        if relationshipType != nil, relatedField == nil { relatedField = "id" }
    }
}
