import Crypto
import Foundation
import MonkCore

/// Hand-made JWTs for tests (expired ones, ones signed with another secret).
enum TestTokens {
    static func sign(_ claims: JSONObject, secret: String) -> String {
        func encode(_ bytes: [UInt8]) -> String {
            Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        }
        let input =
            encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8)) + "." + encode(JSONValue.object(claims).canonicalBytes)
        let mac = HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return input + "." + encode(Array(mac))
    }
}
