/// The per-field rules and the system-field rules of ``RecordValidator``.
extension RecordValidator {
    /// Normalizes `value` to the field's wire form and checks `required`, bounds, pattern and enum.
    ///
    /// A value of the wrong type is left as sent and reported as `INVALID_TYPE`.
    func check(_ value: inout JSONValue, _ field: FieldDefinition) -> [FieldViolation] {
        let name = field.fieldName
        guard let normalized = field.type.normalized(value) else {
            return [
                FieldViolation(field: name, code: .invalidType, message: "'\(name)' must be \(field.type.expectation)")
            ]
        }
        value = normalized
        if model.isPassthrough { return [] }
        if value.isNull {
            guard field.isRequired else { return [] }
            return [FieldViolation(field: name, code: .requiredFieldMissing, message: "'\(name)' is required")]
        }
        var violations: [FieldViolation] = []
        if let bound = boundViolation(value, field) { violations.append(bound) }
        let scalars = value.arrayValue?.filter { !$0.isNull } ?? [value]
        if let pattern = patterns[name],
            scalars.contains(where: { $0.stringValue.map { !pattern.matches($0) } ?? false })
        {
            violations.append(
                FieldViolation(field: name, code: .patternMismatch, message: "'\(name)' does not match its pattern")
            )
        }
        if let allowed = field.enumValues,
            scalars.contains(where: { item in
                !allowed.contains { ValueComparison.isEqual(item, $0, as: field.type.elementType ?? field.type) }
            })
        {
            violations.append(
                FieldViolation(field: name, code: .invalidEnumValue, message: "'\(name)' is not one of its enum_values")
            )
        }
        return violations
    }

    /// `minimum`/`maximum`: the value of numbers, the length in code points of text.
    private func boundViolation(_ value: JSONValue, _ field: FieldDefinition) -> FieldViolation? {
        let measured: JSONNumber
        let what: String
        switch value {
        case .number(let number) where field.type.isNumeric:
            measured = number
            what = "value"
        case .string(let text) where field.type.isText:
            measured = JSONNumber(TextSearch.length(text))
            what = "length"
        default:
            return nil
        }
        let name = field.fieldName
        if let minimum = field.minimum, measured < minimum {
            return FieldViolation(
                field: name,
                code: .valueBelowMinimum,
                message: "'\(name)' \(what) is below \(minimum)"
            )
        }
        if let maximum = field.maximum, maximum < measured {
            return FieldViolation(
                field: name,
                code: .valueAboveMaximum,
                message: "'\(name)' \(what) is above \(maximum)"
            )
        }
        return nil
    }

    /// Applies the §0.5 write rules for system fields, copying accepted ones into `output`.
    ///
    /// `id`, `created_at`, `updated_at`: checked and normalized (`null` means "not sent"). `trashed_at`,
    /// `deleted_at`: ignored. `access_*`: for sudo writers checked as `uuid[]` without `null` elements (`null`
    /// means `[]`); ignored for others.
    func systemFields(_ body: JSONObject, authority: WriteAuthority, into output: inout JSONObject) -> [FieldViolation]
    {
        var violations: [FieldViolation] = []
        for name in [SystemField.id] + SystemField.writableTimestamps {
            guard let value = body.member(name), !value.isNull else { continue }
            let type = SystemField.types[name] ?? .text
            guard let normalized = type.normalized(value) else {
                violations.append(
                    FieldViolation(field: name, code: .invalidType, message: "'\(name)' must be \(type.expectation)")
                )
                continue
            }
            output[name] = normalized
        }
        guard authority == .sudo else { return violations }
        for name in SystemField.accessFields {
            guard let value = body.member(name) else { continue }
            guard let normalized = FieldType.uuidArray.normalized(value.isNull ? .array([]) : value),
                normalized.arrayValue?.contains(where: \.isNull) == false
            else {
                violations.append(
                    FieldViolation(field: name, code: .invalidType, message: "'\(name)' must be an array of user ids")
                )
                continue
            }
            output[name] = normalized
        }
        return violations
    }
}
