/// One per-field problem of a record write: an item of `DATA_VALIDATION_FAILED`'s `validation_errors`
/// (API.md §0.8). A finding, not an error: validators collect every violation of a request.
package struct FieldViolation: Sendable, Hashable {
    /// A per-field code; `rawValue` is the API string.
    package struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        package let rawValue: String
        package init(rawValue: String) { self.rawValue = rawValue }
        package var description: String { rawValue }

        package static let requiredFieldMissing = Code(rawValue: "REQUIRED_FIELD_MISSING")
        package static let invalidType = Code(rawValue: "INVALID_TYPE")
        package static let unknownField = Code(rawValue: "UNKNOWN_FIELD")
        package static let valueBelowMinimum = Code(rawValue: "VALUE_BELOW_MINIMUM")
        package static let valueAboveMaximum = Code(rawValue: "VALUE_ABOVE_MAXIMUM")
        package static let patternMismatch = Code(rawValue: "PATTERN_MISMATCH")
        package static let invalidEnumValue = Code(rawValue: "INVALID_ENUM_VALUE")
        /// Set by the store, which can see whether the related record exists.
        package static let relationshipTargetMissing = Code(rawValue: "RELATIONSHIP_TARGET_MISSING")
    }

    package var field: String
    package var code: Code
    /// Safe to show: names the field and the rule, never the rejected value.
    package var message: String
    /// 0-based position in an array body; set by the caller.
    package var recordIndex: Int?

    package init(field: String, code: Code, message: String, recordIndex: Int? = nil) {
        self.field = field
        self.code = code
        self.message = message
        self.recordIndex = recordIndex
    }

    /// The `validation_errors` item: `field`, `code`, `message`, and `record_index` when set.
    package var apiObject: JSONObject {
        var object: JSONObject = ["field": .string(field), "code": .string(code.rawValue), "message": .string(message)]
        if let recordIndex { object["record_index"] = .number(JSONNumber(recordIndex)) }
        return object
    }

    /// The `data` of a `DATA_VALIDATION_FAILED` response: `{"validation_errors": […], "error_count": n}`.
    package static func details(_ violations: [FieldViolation]) -> JSONObject {
        [
            "validation_errors": .array(violations.map { .object($0.apiObject) }),
            "error_count": .number(JSONNumber(violations.count)),
        ]
    }
}

/// A record write refused as a whole, before per-field validation: the codes of API.md §2.1 that are not
/// `DATA_VALIDATION_FAILED`.
package struct RecordRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// An API error code; compare with the static members.
    package struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        package let rawValue: String
        package init(rawValue: String) { self.rawValue = rawValue }
        package var description: String { rawValue }

        /// 422: changing a set value of an immutable field.
        package static let fieldImmutable = Code(rawValue: "FIELD_IMMUTABLE")
        /// 403: writing a `sudo` field without sudo.
        package static let fieldRequiresSudo = Code(rawValue: "FIELD_REQUIRES_SUDO")
        /// 400: a body `id` that differs from the record's id on update.
        package static let badRequest = Code(rawValue: "BAD_REQUEST")
    }

    package var code: Code
    package var message: String
    /// The envelope's `data`: `field` (or `id`).
    package var details: JSONObject

    package init(code: Code, message: String, details: JSONObject = JSONObject()) {
        self.code = code
        self.message = message
        self.details = details
    }

    package var description: String { "\(code): \(message)" }
}
