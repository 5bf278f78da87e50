/// Who is writing: decides the `sudo` field rule and whether `access_*` keys are written or ignored.
package enum WriteAuthority: Sendable, Hashable {
    /// An ordinary caller: `access_*` keys are ignored, `sudo` fields are refused.
    case regular
    /// A root user or sudo token.
    case sudo
}

/// The outcome of validating one record write.
package struct RecordValidation: Sendable, Hashable {
    /// The record to store: values in wire form (§0.4), transforms and defaults applied. On create it has every
    /// model field (absent ones as their default or `null`), plus `id`, `created_at`, `updated_at` and (sudo
    /// only) `access_*` when the body supplied them. On update it is the merged record.
    package var record: JSONObject
    /// Every per-field problem, in field order; empty when the write may proceed.
    package var violations: [FieldViolation]

    package var isValid: Bool { violations.isEmpty }
}

/// Applies a model's field rules to create and update bodies (API.md §0.4, §0.5, §2.2, §2.3, §5.3).
///
/// Order of work: system-field rules, unknown keys, `sudo` and `immutable` refusals, transforms (on values the
/// body sent), defaults (create only, for absent keys), type check and normalization, then `required`,
/// `minimum`/`maximum`, `pattern`, `enum_values`. A `passthrough` model skips transforms and the rules after the
/// type check. Timestamps the body omits are left for the store to set (`now`).
///
/// ```swift
/// let validator = RecordValidator(model: account)
/// let result = try validator.validateCreate(body, authority: .regular)
/// guard result.isValid else { throw dataValidationFailed(result.violations) }
/// store(result.record)
/// ```
package struct RecordValidator: Sendable {
    package let model: ModelDefinition
    /// The model's fields in canonical key order.
    let fields: [FieldDefinition]
    /// What a create stores for each of ``fields`` that the body omits: its default, or `null`.
    let defaults: [JSONValue]
    /// Compiled `pattern` of each field that has one.
    let patterns: [String: RegexPattern]

    package init(model: ModelDefinition) {
        self.model = model
        fields = (model.fields ?? []).sorted { JSONObject.precedes($0.fieldName, $1.fieldName) }
        var patterns: [String: RegexPattern] = [:]
        for field in fields {
            // Patterns were checked when the field was defined; one that no longer compiles is not enforced.
            if let source = field.pattern, let compiled = try? RegexPattern(source) {
                patterns[field.fieldName] = compiled
            }
        }
        self.patterns = patterns
        defaults = fields.map { $0.defaultJSONValue ?? .null }
    }

    /// Validates a partial update against the stored record; validation runs on the merged record.
    ///
    /// - Throws: ``RecordRefusal``: `BAD_REQUEST` when `changes` has an `id` other than the record's,
    ///   `FIELD_REQUIRES_SUDO`, `FIELD_IMMUTABLE` (changing a non-null value of an immutable field).
    package func validateUpdate(_ changes: JSONObject, of existing: JSONObject, authority: WriteAuthority)
        throws(RecordRefusal) -> RecordValidation
    {
        if let id = changes.member(SystemField.id), !id.isNull {
            let same =
                id.stringValue.flatMap(UUIDText.canonical).map { JSONValue.string($0) }
                == existing.member(SystemField.id)
            guard same else {
                throw RecordRefusal(code: .badRequest, message: "the body's id differs from the record's id")
            }
        }
        var output = existing
        var violations = systemFields(
            changes.removingValue(forKey: SystemField.id),
            authority: authority,
            into: &output
        )
        violations += unknownKeys(changes)
        for field in fields {
            var value = output.member(field.fieldName) ?? .null
            if let sent = changes.member(field.fieldName) {
                try checkSudo(field, authority)
                value = transformed(sent, field)
            }
            check(&value, field, into: &violations)
            if field.isImmutable, changes.member(field.fieldName) != nil, let old = existing.member(field.fieldName),
                !old.isNull,
                !ValueComparison.isEqual(old, value, as: field.type)
            {
                throw RecordRefusal(
                    code: .fieldImmutable,
                    message: "field '\(field.fieldName)' is immutable and already set",
                    details: ["field": .string(field.fieldName)]
                )
            }
            output[field.fieldName] = value
        }
        return RecordValidation(record: output, violations: violations)
    }

    func transformed(_ value: JSONValue, _ field: FieldDefinition) -> JSONValue {
        guard let transform = field.transform, !model.isPassthrough else { return value }
        return transform.apply(to: value)
    }

    func checkSudo(_ field: FieldDefinition, _ authority: WriteAuthority) throws(RecordRefusal) {
        guard field.requiresSudo, authority != .sudo else { return }
        throw RecordRefusal(
            code: .fieldRequiresSudo,
            message: "writing field '\(field.fieldName)' requires sudo",
            details: ["field": .string(field.fieldName)]
        )
    }

    /// `UNKNOWN_FIELD` for every key that is neither a system field nor a field of the model.
    private func unknownKeys(_ body: JSONObject) -> [FieldViolation] {
        body.keys.filter { !SystemField.contains($0) && model.field(named: $0) == nil }.map {
            FieldViolation(
                field: $0,
                code: .unknownField,
                message: "'\($0)' is not a field of model '\(model.modelName)'"
            )
        }
    }
}

extension JSONObject {
    /// A copy without `key`.
    fileprivate func removingValue(forKey key: String) -> JSONObject {
        var copy = self
        copy.removeValue(forKey: key)
        return copy
    }
}
