import MonkCore

/// Checks of auth bodies (API.md §1.1).
enum AuthInput {
    /// The body as an object, or 400 `BODY_NOT_OBJECT`.
    static func object(_ value: JSONValue) throws -> JSONObject {
        guard case .object(let object) = value else {
            throw APIError(400, "BODY_NOT_OBJECT", "the body must be a JSON object")
        }
        return object
    }

    /// A tenant or user name: `^[a-z][a-z0-9_]*$`, 1–63 characters.
    static func name(_ body: JSONObject, key: String, missing: String, invalid: String) throws -> String {
        guard let value = body[key], !value.isNull else { throw APIError(400, missing, "\(key) is required") }
        guard let text = value.stringValue, isName(text) else {
            throw APIError(400, invalid, "\(key) must match ^[a-z][a-z0-9_]*$ (1–63 characters)")
        }
        return text
    }

    /// Whether `text` is a valid tenant or user name.
    static func isName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...63).contains(bytes.count), bytes[0] >= 0x61, bytes[0] <= 0x7a else { return false }
        return bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "_") }
    }

    /// The password: 1–1024 bytes of UTF-8.
    static func password(_ body: JSONObject) throws -> String {
        guard let value = body["password"], !value.isNull else {
            throw APIError(400, "AUTH_PASSWORD_MISSING", "password is required")
        }
        guard let text = value.stringValue, (1...1024).contains(text.utf8.count) else {
            throw APIError(400, "AUTH_PASSWORD_INVALID", "password must be 1–1024 bytes")
        }
        return text
    }

    /// The optional email: ≤ 254 characters, exactly one `@`, non-empty parts.
    static func email(_ body: JSONObject) throws -> String? {
        guard let value = body["email"], !value.isNull else { return nil }
        guard let text = value.stringValue, text.utf8.count <= 254 else {
            throw APIError(400, "AUTH_EMAIL_INVALID", "email is invalid")
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw APIError(400, "AUTH_EMAIL_INVALID", "email is invalid")
        }
        return text
    }
}
