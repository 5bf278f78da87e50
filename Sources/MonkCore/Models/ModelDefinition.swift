/// A model with every key of the model object in API.md §5.2 and, optionally, its fields.
///
/// ```swift
/// let model = try ModelDefinition(decoding: body, urlModelName: "account")
/// let types = model.fieldTypes            // own fields plus system fields, for WhereExpression parsing
/// let object = model.apiObject(includingFields: true)
/// ```
package struct ModelDefinition: Sendable, Hashable {
    package var modelName: String
    /// Free text; `system` marks system models.
    package var status = "active"
    package var description: String?
    /// Every data access needs sudo.
    package var requiresSudo = false
    /// All data writes refused (`MODEL_FROZEN`).
    package var isFrozen = false
    /// Records can be created, never updated or deleted.
    package var isImmutable = false
    package var isExternal = false
    /// Writes skip transforms and validation; types are still checked.
    package var isPassthrough = false
    /// The fields, `nil` when a body did not send any (as opposed to an empty list).
    package var fields: [FieldDefinition]?

    /// A model with API defaults.
    package init(modelName: String, fields: [FieldDefinition]? = nil) {
        self.modelName = modelName
        self.fields = fields
    }

    /// Whether this is a system model (`status` is `system`).
    package var isSystem: Bool { status == "system" }

    /// The type of every field a query may name: the model's own fields and the system fields of §0.5.
    package var fieldTypes: [String: FieldType] {
        var types = SystemField.types
        for field in fields ?? [] { types[field.fieldName] = field.type }
        return types
    }

    /// The field named `name`, if the model has one.
    package func field(named name: String) -> FieldDefinition? {
        fields?.first { $0.fieldName == name }
    }

    /// The model object of API.md §5.2 (every key, `description` `null` when unset), plus `fields` when asked
    /// and known.
    package func apiObject(includingFields: Bool = false) -> JSONObject {
        var object: JSONObject = [
            "model_name": .string(modelName), "status": .string(status),
            "description": description.map(JSONValue.string) ?? .null, "sudo": .bool(requiresSudo),
            "frozen": .bool(isFrozen), "immutable": .bool(isImmutable), "external": .bool(isExternal),
            "passthrough": .bool(isPassthrough),
        ]
        if includingFields, let fields {
            object["fields"] = .array(fields.map { .object($0.apiObject) })
        }
        return object
    }
}
