import MonkCore

/// A model as the store keeps it: MonkCore's ``ModelDefinition`` (API.md §5.2–§5.3) plus whether it is trashed.
///
/// The definition is stored as JSON records of the bootstrap models `models` and `fields` and decoded back
/// through MonkCore, so the Describe API, fixtures and the store share one set of rules.
package struct ModelInfo: Sendable, Equatable {
    package let definition: ModelDefinition
    /// Whether the model is in the trash.
    package let isTrashed: Bool
    /// The model's validator, built once (it compiles the fields' patterns) and shared by every record a
    /// request writes.
    package let validator: RecordValidator
    /// The fields ordered by name, sorted once (every write of a bulk request consults them).
    package let fields: [FieldDefinition]
    /// Whether any field is `unique` or a `required_relationship`, so writes skip those checks otherwise.
    let hasUniqueFields: Bool
    let hasRequiredRelationships: Bool

    package init(definition: ModelDefinition, isTrashed: Bool = false) {
        self.definition = definition
        self.isTrashed = isTrashed
        validator = RecordValidator(model: definition)
        fields = (definition.fields ?? []).sorted { JSONObject.precedes($0.fieldName, $1.fieldName) }
        hasUniqueFields = fields.contains { $0.isUnique }
        hasRequiredRelationships = fields.contains { $0.requiredRelationship }
    }

    package static func == (lhs: ModelInfo, rhs: ModelInfo) -> Bool {
        lhs.definition == rhs.definition && lhs.isTrashed == rhs.isTrashed
    }

    package var name: String { definition.modelName }
    package var needsSudo: Bool { definition.requiresSudo }
    package var isFrozen: Bool { definition.isFrozen }
    package var isImmutable: Bool { definition.isImmutable }

    /// The field called `name`, or `nil`.
    package func field(_ name: String) -> FieldDefinition? {
        definition.field(named: name)
    }

    /// Names no model may take: the bootstrap tables.
    package static let reservedNames: Set<String> = ["models", "fields", "_monk_meta"]
}
