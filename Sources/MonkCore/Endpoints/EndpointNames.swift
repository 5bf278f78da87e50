/// The naming rules endpoint parts must follow (API.md §1.1, §5.1; server names are monk's own).
package enum EndpointNames {
    /// `^[a-z][a-z0-9_]*$`, at most 63 characters; sandbox tenants (`acme__try`) pass too.
    package static func isTenantName(_ name: String) -> Bool { isLowerIdentifier(name) }

    /// `^[a-z][a-z0-9_]*$`, at most 63 characters.
    package static func isModelName(_ name: String) -> Bool { isLowerIdentifier(name) }

    /// Letters, digits, `-`, `_` and `.`, starting with a letter or digit, at most 63 characters.
    package static func isServerName(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 63, isAlphanumeric(first) else { return false }
        return name.utf8.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
    }

    private static func isLowerIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 63, isLowercase(first) else { return false }
        return name.utf8.allSatisfy { isLowercase($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    private static func isLowercase(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLowercase(byte) || isDigit(byte) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
}
