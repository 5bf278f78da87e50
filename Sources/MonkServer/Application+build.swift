import Hummingbird
import Logging
import MonkCore
import MonkStore
import NIOCore
import ServiceLifecycle
import UnixSignals

/// Builds the `monk serve` application: stores, routes, the API responder. Tests and `monk serve` both use it.
///
/// The application is a service that drains on graceful shutdown: new requests get 503 `SERVICE_UNAVAILABLE`
/// while running ones finish, then the listener closes.
///
/// - Parameters:
///   - configuration: Where to listen and keep data, and the limits.
///   - onListening: Called once with the bound host and port (the real port when `port` is 0).
/// - Returns: The application and the registry it opened (close it after the application stops).
/// - Throws: `StoreError` `DATABASE_UNAVAILABLE` when the data directory cannot be opened.
package func buildApplication(
    configuration: ServerConfiguration,
    logger: Logger = Logger(label: "monk.serve"),
    onListening: @escaping @Sendable (String, Int) async -> Void
) async throws -> (application: some Service, registry: TenantRegistry) {
    let registry = try await TenantRegistry.open(dataDirectory: configuration.dataDirectory)
    let state = try ServerState(configuration: configuration, registry: registry, logger: logger)
    let router = Router(context: MonkRequestContext.self)
    router.add(middleware: ErrorEnvelopeMiddleware())
    Routes.add(to: router, state: state)
    let drainState = DrainState()
    let responder = APIResponder(
        inner: router.buildResponder(),
        rateLimiter: RateLimiter(limit: configuration.authRequestsPerMinute),
        tokenLimiter: configuration.apiRequestsPerMinutePerToken.map { RateLimiter(limit: $0) },
        exemptsLoopback: configuration.exemptsLoopbackFromRateLimit,
        drainState: drainState,
        logger: logger
    )
    let application = Application(
        responder: responder,
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "monk"
        ),
        onServerRunning: { channel in
            await onListening(configuration.host, channel.localAddress?.port ?? configuration.port)
        },
        logger: logger
    )
    return (DrainingService(inner: application, drainState: drainState, logger: logger), registry)
}

/// Runs `monk serve` until SIGINT or SIGTERM, then stops accepting, lets in-flight requests finish, closes the
/// databases and returns.
///
/// ```swift
/// try await runServer(configuration: configuration) { host, port in
///     print("listening on http://\(host):\(port)")
/// }
/// ```
///
/// - Throws: `StoreError` when the data directory cannot be opened, or the server's bind error.
package func runServer(
    configuration: ServerConfiguration,
    onListening: @escaping @Sendable (String, Int) async -> Void
) async throws {
    let logger = Logger(label: "monk.serve")
    let (application, registry) = try await buildApplication(
        configuration: configuration,
        logger: logger,
        onListening: onListening
    )
    let group = ServiceGroup(
        configuration: ServiceGroupConfiguration(
            services: [.init(service: application)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
    )
    do {
        try await group.run()
    } catch {
        await registry.close()
        throw error
    }
    await registry.close()
}
