/// How `monk serve` runs: where it listens, where it keeps its data, and its limits (API.md §14).
package struct ServerConfiguration: Sendable {
    /// Address to bind; `127.0.0.1` by default so a fresh install is not reachable from the network.
    package var host: String = "127.0.0.1"
    /// Port to bind; `0` picks a free port, reported once the server listens.
    package var port: Int = 9001
    /// Directory holding `system.sqlite` and `tenants/<tenant>.sqlite`.
    package var dataDirectory: String = ".monk-data"
    /// Largest accepted request body after decoding (64 MiB).
    package var maxBodyBytes: Int = 64 << 20
    /// Most operations in one bulk request.
    package var maxBulkOperations: Int = 10_000
    /// Deepest accepted nesting of a JSON or YAML body.
    package var maxJSONDepth: Int = 64
    /// `/auth/*` requests per client IP and minute (loopback exempt); 429 `RATE_LIMITED` past it.
    package var authRequestsPerMinute: Int = 60
    /// Whether loopback clients skip the per-IP `/auth/*` limit (tests turn this off to exercise it).
    package var exemptsLoopbackFromRateLimit: Bool = true
    /// `/api/*` requests per token and minute; `nil` (the default) is unlimited. Past it: 429 `RATE_LIMITED`.
    package var apiRequestsPerMinutePerToken: Int?
    /// Failed logins per tenant+username and minute.
    package var failedLoginsPerMinute: Int = 10
    /// bcrypt cost for new password hashes.
    package var bcryptCost: UInt8 = 10
    /// The JWT signing secret. `nil`: `MONK_JWT_SECRET`, else a secret generated once and kept in
    /// `<data dir>/jwt-secret` (mode 0600).
    package var jwtSecret: String?
    /// Personal mode (`monk serve --personal`): `GET /auth/tenants` lists tenants and their usernames, for a
    /// server one person uses. Off by default, where that route answers 403.
    package var isPersonal: Bool = false
    /// Whether `POST /auth/register` is allowed.
    package var allowsRegistration: Bool = true

    package init() {}
}
