/// How a field relates to another model (API.md §5.3 `relationship_type`).
package enum RelationshipType: String, Sendable, Hashable {
    /// Child → parent; drives the relationship routes of §2.5. `belongs_to` is read as this.
    case owned
    /// A plain reference.
    case referenced

    /// Reads a relationship type as a describe body sends it (`belongs_to` → `owned`); `nil` when unknown.
    package init?(apiName: String) {
        self.init(rawValue: apiName == "belongs_to" ? "owned" : apiName)
    }
}

/// One field of a model, with every key of the field object in API.md §5.3.
///
/// Decode a describe body with ``init(decoding:modelName:fieldName:)``, apply a `PUT` with
/// ``applyingChanges(_:)``, and write the API object with ``apiObject``. Property defaults are the API's.
package struct FieldDefinition: Sendable, Hashable {
    package var modelName: String
    package var fieldName: String
    package var type: FieldType
    /// `required`: not null on create and update.
    package var isRequired = false
    /// `default_value` as stored: text, applied (converted to ``type``) when a create omits the key.
    package var defaultValue: String?
    package var description: String?
    /// Lower bound: the value for numbers, the length in code points for text.
    package var minimum: JSONNumber?
    /// Upper bound: the value for numbers, the length in code points for text.
    package var maximum: JSONNumber?
    /// POSIX ERE, unanchored search; checked to compile when set.
    package var pattern: String?
    /// Allowed values, normalized to the (element) type.
    package var enumValues: [JSONValue]?
    package var isUnique = false
    package var isIndexed = false
    package var isSearchable = false
    /// Value may be set once (on create, or from null), never changed.
    package var isImmutable = false
    /// Writes to this field need sudo.
    package var requiresSudo = false
    package var isTracked = false
    package var transform: FieldTransform?
    package var relationshipType: RelationshipType?
    package var relatedModel: String?
    /// The related model's key; `id` whenever a relationship is set (the only supported target).
    package var relatedField: String?
    package var relationshipName: String?
    package var cascadeDelete = false
    package var requiredRelationship = false
    package var isArray = false

    /// A field with API defaults for everything but its identity and type.
    package init(modelName: String, fieldName: String, type: FieldType) {
        self.modelName = modelName
        self.fieldName = fieldName
        self.type = type
    }

    /// The `default_value` converted to the field's type, or `nil` when there is none.
    package var defaultJSONValue: JSONValue? {
        defaultValue.flatMap { type.defaultValue(fromText: $0) }
    }

    /// The field object of API.md §5.3, every key present (`null` where unset), `default_value` as a string.
    package var apiObject: JSONObject {
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        return [
            "model_name": .string(modelName), "field_name": .string(fieldName), "type": .string(type.apiName),
            "required": .bool(isRequired), "default_value": optional(defaultValue),
            "description": optional(description), "minimum": minimum.map(JSONValue.number) ?? .null,
            "maximum": maximum.map(JSONValue.number) ?? .null, "pattern": optional(pattern),
            "enum_values": enumValues.map(JSONValue.array) ?? .null, "unique": .bool(isUnique),
            "index": .bool(isIndexed), "searchable": .bool(isSearchable), "immutable": .bool(isImmutable),
            "sudo": .bool(requiresSudo), "tracked": .bool(isTracked), "transform": optional(transform?.rawValue),
            "relationship_type": optional(relationshipType?.rawValue), "related_model": optional(relatedModel),
            "related_field": optional(relatedField), "relationship_name": optional(relationshipName),
            "cascade_delete": .bool(cascadeDelete), "required_relationship": .bool(requiredRelationship),
            "is_array": .bool(isArray),
        ]
    }
}
