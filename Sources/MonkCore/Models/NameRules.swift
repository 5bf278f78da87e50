/// The naming rules for models, fields and query identifiers (API.md §3.1, §3.2, §5.1).
package enum NameRules {
    /// The longest model or field name PostgreSQL keeps without truncation.
    package static let maximumLength = 63

    /// Whether `name` matches `^[a-zA-Z_][a-zA-Z0-9_]*$`, the rule for field names in `where`, `select`,
    /// `order`, `groupBy` and aggregate aliases.
    package static func isIdentifier(_ name: String) -> Bool {
        var bytes = name.utf8.makeIterator()
        guard let first = bytes.next(), isLetter(first) || first == UInt8(ascii: "_") else { return false }
        while let byte = bytes.next() {
            guard isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") else { return false }
        }
        return true
    }

    /// Checks a model name and returns it lowercased.
    ///
    /// - Throws: ``ModelError`` `INVALID_MODEL_NAME` unless the lowercased name matches `^[a-z][a-z0-9_]*$`, has
    ///   at most 63 characters and is not an SQL reserved word.
    package static func validatedModelName(_ name: String) throws(ModelError) -> String {
        let lowered = String(decoding: name.utf8.map { asciiLowercased($0) }, as: UTF8.self)
        let details: JSONObject = ["model_name": .string(name)]
        guard let first = lowered.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"),
            isIdentifier(lowered)
        else {
            throw ModelError(
                code: .invalidModelName,
                message: "model name '\(name)' must start with a letter and contain only a-z, 0-9 and _",
                details: details
            )
        }
        guard lowered.utf8.count <= maximumLength else {
            throw ModelError(
                code: .invalidModelName,
                message: "model name '\(name)' is longer than \(maximumLength) characters",
                details: details
            )
        }
        guard !SQLReservedWords.contains(lowered) else {
            throw ModelError(
                code: .invalidModelName,
                message: "model name '\(name)' is an SQL reserved word",
                details: details
            )
        }
        return lowered
    }

    /// Checks a field name for a field definition.
    ///
    /// - Throws: ``ModelError`` `INVALID_FIELD_NAME` (not an identifier), `FIELD_NAME_TOO_LONG` (over 63
    ///   characters) or `RESERVED_FIELD_NAME` (a system field or an SQL reserved word, any case).
    package static func validateFieldName(_ name: String, modelName: String? = nil) throws(ModelError) {
        var details: JSONObject = ["field_name": .string(name)]
        if let modelName { details["model_name"] = .string(modelName) }
        guard isIdentifier(name) else {
            throw ModelError(
                code: .invalidFieldName,
                message: "field name '\(name)' must start with a letter or _ and contain only letters, digits and _",
                details: details
            )
        }
        guard name.utf8.count <= maximumLength else {
            throw ModelError(
                code: .fieldNameTooLong,
                message: "field name '\(name)' is longer than \(maximumLength) characters",
                details: details
            )
        }
        let lowered = String(decoding: name.utf8.map { asciiLowercased($0) }, as: UTF8.self)
        if SystemField.contains(lowered) || SQLReservedWords.contains(lowered) {
            throw ModelError(
                code: .reservedFieldName,
                message: "field name '\(name)' is reserved (system field or SQL reserved word)",
                details: details
            )
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}
