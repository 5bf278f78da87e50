/// The per-field rules and the system-field rules of ``RecordValidator``.
extension RecordValidator {
    /// Normalizes `value` to the field's wire form and checks `required`, bounds, pattern and enum, appending
    /// what it finds to `violations`.
    ///
    /// A value of the wrong type is left as sent and reported as `INVALID_TYPE`.
    func check(_ value: inout JSONValue, _ field: borrowing FieldDefinition, into violations: inout [FieldViolation]) {
        let name = field.fieldName
        guard let normalized = RecordValidator.normalized(value, as: field.type) else {
            violations.append(
                FieldViolation(field: name, code: .invalidType, message: "'\(name)' must be \(field.type.expectation)")
            )
            return
        }
        value = normalized
        if model.isPassthrough { return }
        if value.isNull {
            guard field.isRequired else { return }
            violations.append(
                FieldViolation(field: name, code: .requiredFieldMissing, message: "'\(name)' is required")
            )
            return
        }
        if field.minimum != nil || field.maximum != nil, let bound = boundViolation(value, field) {
            violations.append(bound)
        }
        guard patterns[name] != nil || field.enumValues != nil else { return }
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
    }

    /// `value` in the wire form of `type` (``FieldType/normalized(_:)``), or `nil` when it is not of that type.
    /// A timestamp already in its wire form is kept as it is instead of being parsed and written again.
    static func normalized(_ value: JSONValue, as type: FieldType) -> JSONValue? {
        if type == .timestamp, case .string(let text) = value, WireTimestamp.isCanonical(text) { return value }
        return type.normalized(value)
    }

    /// `minimum`/`maximum`: the value of numbers, the length in code points of text.
    private func boundViolation(_ value: JSONValue, _ field: borrowing FieldDefinition) -> FieldViolation? {
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
        for name in RecordValidator.checkedSystemFields {
            guard let value = body.member(name), !value.isNull else { continue }
            let type = SystemField.types[name] ?? .text
            guard let normalized = RecordValidator.normalized(value, as: type) else {
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

    /// The system fields a write body may set for every writer, in the order their rules run.
    private static let checkedSystemFields = [SystemField.id] + SystemField.writableTimestamps
}
