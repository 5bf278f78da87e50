/// Reads typed keys of a describe body, turning wrong JSON types into ``ModelError`` `BAD_REQUEST`.
///
/// A key that is absent reads as `nil` ("leave unchanged"); an explicit `null` reads as `.some(nil)` for the
/// optional readers ("clear it") and as absent for booleans.
struct DescribeBody {
    let object: JSONObject
    /// Prefix for messages and details, e.g. `field 'account.balance'`.
    let subject: String
    let details: JSONObject

    func has(_ key: String) -> Bool { object.member(key) != nil }

    func bool(_ key: String) throws(ModelError) -> Bool? {
        switch object.member(key) {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        default: throw wrongType(key, "true or false")
        }
    }

    func string(_ key: String) throws(ModelError) -> String?? {
        switch object.member(key) {
        case nil: return nil
        case .null?: return .some(nil)
        case .string(let value)?: return .some(value)
        default: throw wrongType(key, "a string")
        }
    }

    func number(_ key: String) throws(ModelError) -> JSONNumber?? {
        switch object.member(key) {
        case nil: return nil
        case .null?: return .some(nil)
        case .number(let value)?: return .some(value)
        case .string(let text)?:
            guard let value = DecimalText.number(text) else { throw wrongType(key, "a number") }
            return .some(value)
        default: throw wrongType(key, "a number")
        }
    }

    func wrongType(_ key: String, _ expected: String) -> ModelError {
        ModelError(code: .badRequest, message: "\(subject): '\(key)' must be \(expected)", details: details)
    }

    func error(_ code: ModelError.Code, _ message: String) -> ModelError {
        ModelError(code: code, message: "\(subject): \(message)", details: details)
    }
}
