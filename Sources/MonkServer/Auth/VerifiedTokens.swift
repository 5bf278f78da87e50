import MonkCore
import Synchronization

/// Tokens whose signature this server already checked, with their claims, so a client that sends the same
/// token on every request pays the base64 decoding, the HMAC and the JSON parse once.
///
/// Only the signature check is remembered: expiry is compared with `now` on every lookup, and everything the
/// claims point at (tenant, user, access) is still resolved per request by ``Authenticator``. Keys are the
/// whole token, so a token that differs in any byte is verified afresh. The cache holds at most ``capacity``
/// tokens and starts over when full.
final class VerifiedTokens: Sendable {
    /// The most tokens kept at once.
    static let capacity = 4_096

    private struct Entry {
        var claims: JSONObject
        var expiry: Int64
    }

    private let entries: Mutex<[String: Entry]> = Mutex([:])

    init() {}

    /// The claims of `token`, verified by `signer` now or earlier, when it has not expired at `now`.
    ///
    /// - Throws: what ``TokenSigner/verify(_:now:)`` throws: 401 `AUTH_TOKEN_INVALID` or `AUTH_TOKEN_EXPIRED`.
    func claims(of token: String, signer: TokenSigner, now: Int64) throws(APIError) -> JSONObject {
        if let entry = entries.withLock({ $0[token] }) {
            guard entry.expiry > now else {
                _ = entries.withLock { $0.removeValue(forKey: token) }
                throw APIError(401, "AUTH_TOKEN_EXPIRED", "the token has expired")
            }
            return entry.claims
        }
        let claims = try signer.verify(token, now: now)
        // `verify` rejects a token without an integer `exp`, so the fallback is never used.
        let expiry = claims["exp"]?.numberValue?.int64Value ?? now
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = Entry(claims: claims, expiry: expiry)
        }
        return claims
    }
}
