import Crypto
import MonkCore

/// Signs and verifies HS256 JWTs (API.md §1.6) with swift-crypto's `HMAC<SHA256>`.
///
/// ```swift
/// let signer = TokenSigner(secret: secretBytes)
/// let token = signer.sign(["sub": "…", "exp": 1_900_000_000])
/// let claims = try signer.verify(token, now: 1_800_000_000)
/// ```
struct TokenSigner: Sendable {
    private let key: SymmetricKey
    private static let header = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))

    init(secret: [UInt8]) {
        key = SymmetricKey(data: secret)
    }

    /// A signed token carrying `claims`.
    func sign(_ claims: JSONObject) -> String {
        let signingInput = TokenSigner.header + "." + Base64URL.encode(JSONValue.object(claims).canonicalBytes)
        let signature = HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: key)
        return signingInput + "." + Base64URL.encode(Array(signature))
    }

    /// The claims of a token this signer issued that has not expired at `now` (seconds since the epoch).
    ///
    /// - Throws: 401 `AUTH_TOKEN_INVALID` (malformed, another algorithm, another secret),
    ///   401 `AUTH_TOKEN_EXPIRED` (`exp` ≤ now).
    func verify(_ token: String, now: Int64) throws(APIError) -> JSONObject {
        let invalid = APIError(401, "AUTH_TOKEN_INVALID", "the token is invalid")
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = Base64URL.decode(parts[2]),
            let headerBytes = Base64URL.decode(parts[0]), let payload = Base64URL.decode(parts[1])
        else { throw invalid }
        let signingInput = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: key) else {
            throw invalid
        }
        // A header or payload that is not a JSON object is simply an invalid token.
        guard case .object(let header)? = try? JSONParser.parse(headerBytes), header["alg"] == "HS256",
            case .object(let claims)? = try? JSONParser.parse(payload)
        else { throw invalid }
        guard let expiry = claims["exp"]?.numberValue?.int64Value else { throw invalid }
        if expiry <= now { throw APIError(401, "AUTH_TOKEN_EXPIRED", "the token has expired") }
        return claims
    }
}
