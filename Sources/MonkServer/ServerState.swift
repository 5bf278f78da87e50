import Logging
import MonkCore
import MonkStore

/// Everything the controllers share: the stores, the token signer, the password hasher and the settings.
struct ServerState: Sendable {
    let configuration: ServerConfiguration
    let registry: TenantRegistry
    let signer: TokenSigner
    /// Tokens whose signature was already checked (expiry is still checked per request).
    let verifiedTokens = VerifiedTokens()
    /// Users' `access` and username, parsed once per version of their row.
    let userAccess = UserAccessCache()
    let hasher: PasswordHasher
    let fixtures: FixtureCatalog
    let logger: Logger
    /// When the server started, for `GET /health`'s `uptime`.
    let started: ContinuousClock.Instant
    /// Failed logins per tenant+username (10 per minute, API.md §14).
    let loginFailures: RateLimiter

    /// The state for `configuration` over an open registry: the signing secret (configured, environment or
    /// data dir), the hasher and the built-in fixtures.
    ///
    /// - Throws: `StoreError` when the secret file cannot be read or written.
    init(configuration: ServerConfiguration, registry: TenantRegistry, logger: Logger) throws {
        let secret = try JWTSecretFile.secret(
            configured: configuration.jwtSecret,
            dataDirectory: configuration.dataDirectory
        )
        self.configuration = configuration
        self.registry = registry
        self.signer = TokenSigner(secret: secret)
        self.hasher = PasswordHasher(cost: configuration.bcryptCost)
        self.fixtures = FixtureCatalog.builtIn()
        self.logger = logger
        self.started = .now
        self.loginFailures = RateLimiter(limit: configuration.failedLoginsPerMinute)
    }

    /// Body reading under the configured limits.
    var body: RequestBody {
        RequestBody(maxBytes: configuration.maxBodyBytes, maxDepth: configuration.maxJSONDepth)
    }

    /// Seconds since the epoch.
    static func epochSeconds() -> Int64 {
        Int64(Timestamps.epochMilliseconds() / 1000)
    }
}
