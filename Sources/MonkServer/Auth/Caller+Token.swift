import MonkCore
import MonkStore

/// The authenticated side of a request: the tenant's store and the caller re-read from its `users` model.
struct Session: Sendable {
    let store: TenantStore
    let caller: Caller
    /// The token's claims (for refresh and sudo).
    let claims: JSONObject
    /// The user's login name.
    let username: String
}

/// Token lifetimes (API.md §1.6).
enum TokenLifetime {
    static let normal: Int64 = 604_800
    static let sudo: Int64 = 900
}
