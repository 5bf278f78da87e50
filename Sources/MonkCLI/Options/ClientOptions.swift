import MonkClient
import MonkCommandLine

/// The flags every command that talks to a server shares: which server and tenant, how long to wait, how often
/// to retry, and whether to check TLS certificates.
///
/// Commands list ``specs`` among their options and read the values with ``init(_:)``:
///
/// ```swift
/// static let spec = CommandSpec("get", abstract: "…", options: ClientOptions.specs)
/// let options = ClientOptions(context.parsed)
/// ```
struct ClientOptions: Sendable, Equatable {
    /// The default time one command may spend on one request, retries included.
    static let defaultTimeoutSeconds = 60
    /// The default number of retries after a network or temporary failure.
    static let defaultRetries = 3

    /// The option specs, in the order `--help` shows them.
    static let specs: [OptionSpec] = [
        .value(
            "server",
            valueName: "NAME",
            abstract: "Configured server to use (default: the current server, or MONK_API_BASE_URL)."
        ),
        .value("tenant", valueName: "TENANT", abstract: "Tenant whose session to use (default: the current tenant)."),
        .value(
            "timeout",
            valueName: "S",
            type: .integer(1...86_400),
            abstract: "Give up on a request after S seconds, retries included.",
            defaultValue: String(defaultTimeoutSeconds)
        ),
        .value(
            "retries",
            valueName: "N",
            type: .integer(0...100),
            abstract: "Retry a failed connection, 429 or 503 up to N times.",
            defaultValue: String(defaultRetries)
        ),
        .flag("insecure", abstract: "Accept any TLS certificate (self-signed development servers only)."),
    ]

    /// ``specs`` without `--tenant`, for commands that name the tenant as an argument (`auth login TENANT …`).
    static let serverSpecs: [OptionSpec] = specs.filter { $0.long != "tenant" }

    /// The configured server name asked for, if any.
    var server: String?
    /// The tenant asked for, if any.
    var tenant: String?
    /// The deadline of one request, retries included.
    var timeoutSeconds: Int
    /// Retries after the first attempt.
    var retries: Int
    /// Whether TLS certificates are checked.
    var tlsVerification: CurlTransport.Configuration.TLSVerification

    init(
        server: String? = nil,
        tenant: String? = nil,
        timeoutSeconds: Int = defaultTimeoutSeconds,
        retries: Int = defaultRetries,
        tlsVerification: CurlTransport.Configuration.TLSVerification = .verify
    ) {
        self.server = server
        self.tenant = tenant
        self.timeoutSeconds = timeoutSeconds
        self.retries = retries
        self.tlsVerification = tlsVerification
    }

    /// Reads the options from a command line whose spec includes ``specs`` or ``serverSpecs``.
    init(_ parsed: ParsedCommand) {
        let hasTenant = parsed.availableOptions.contains { $0.long == "tenant" }
        self.init(
            server: parsed.value("server"),
            tenant: hasTenant ? parsed.value("tenant") : nil,
            timeoutSeconds: parsed.integer("timeout") ?? Self.defaultTimeoutSeconds,
            retries: parsed.integer("retries") ?? Self.defaultRetries,
            tlsVerification: parsed.flag("insecure") ? .insecure : .verify
        )
    }

    /// The transport settings these options ask for: connection and request timeouts within the deadline.
    var transportConfiguration: CurlTransport.Configuration {
        let timeout = Duration.seconds(timeoutSeconds)
        return CurlTransport.Configuration(
            connectTimeout: min(.seconds(10), timeout),
            requestTimeout: timeout,
            stallTimeout: min(.seconds(60), timeout),
            tlsVerification: tlsVerification,
            maximumConnections: 2
        )
    }

    /// The retry rules these options ask for.
    var retryPolicy: RetryStateMachine.Policy {
        RetryStateMachine.Policy(maxRetries: retries)
    }
}
