/// Why a describe body (model or field definition) was rejected, in API.md §5.1's vocabulary.
///
/// `code.rawValue` is the API `error_code` (`INVALID_MODEL_NAME`, `INVALID_TYPE`, …); `details` becomes the
/// envelope's `data` (`model_name`, `field_name` where known). Every describe code is a 400.
package struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An API error code; compare with the static members.
    package struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        package let rawValue: String
        package init(rawValue: String) { self.rawValue = rawValue }
        package var description: String { rawValue }

        /// Model name not `^[a-z][a-z0-9_]*$`, longer than 63 characters, or an SQL reserved word.
        package static let invalidModelName = Code(rawValue: "INVALID_MODEL_NAME")
        /// Body `model_name` differs from the URL's.
        package static let modelNameMismatch = Code(rawValue: "MODEL_NAME_MISMATCH")
        /// `model_name` or a field's `type` is missing.
        package static let missingRequiredFields = Code(rawValue: "MISSING_REQUIRED_FIELDS")
        /// A field array item has no `field_name`.
        package static let fieldNameRequired = Code(rawValue: "FIELD_NAME_REQUIRED")
        /// Field name not `^[a-zA-Z_][a-zA-Z0-9_]*$`.
        package static let invalidFieldName = Code(rawValue: "INVALID_FIELD_NAME")
        /// Field name longer than 63 characters.
        package static let fieldNameTooLong = Code(rawValue: "FIELD_NAME_TOO_LONG")
        /// Field name is a system field or an SQL reserved word.
        package static let reservedFieldName = Code(rawValue: "RESERVED_FIELD_NAME")
        /// Unknown field type.
        package static let invalidType = Code(rawValue: "INVALID_TYPE")
        /// `default_value` does not convert to the field's type.
        package static let invalidDefaultValue = Code(rawValue: "INVALID_DEFAULT_VALUE")
        /// Body not an object.
        package static let bodyNotObject = Code(rawValue: "BODY_NOT_OBJECT")
        /// Any other malformed key (wrong JSON type, unknown transform, bad pattern); the message names it.
        package static let badRequest = Code(rawValue: "BAD_REQUEST")
    }

    package var code: Code
    /// Safe to show; names the model and field.
    package var message: String
    /// The envelope's `data`: `model_name`, `field_name` when known.
    package var details: JSONObject

    package init(code: Code, message: String, details: JSONObject = JSONObject()) {
        self.code = code
        self.message = message
        self.details = details
    }

    package var description: String { "\(code): \(message)" }
}
