import Logging
import MonkStore
import ServiceLifecycle

/// A `monk serve` running inside the calling process until ``stop()``: for benchmarks and tools that need a
/// live server without a child process. Logs only errors, so request logging does not skew measurements.
///
/// ```swift
/// let server = try await EmbeddedServer.start(configuration: configuration)
/// // talk to http://127.0.0.1:\(server.port)
/// try await server.stop()
/// ```
package final class EmbeddedServer: Sendable {
    /// The port the server listens on (the real one when the configuration asked for port 0).
    package let port: Int
    private let group: ServiceGroup
    private let running: Task<Void, any Error>
    private let registry: TenantRegistry

    private init(port: Int, group: ServiceGroup, running: Task<Void, any Error>, registry: TenantRegistry) {
        self.port = port
        self.group = group
        self.running = running
        self.registry = registry
    }

    /// Builds the application with `buildApplication`, starts it and returns once it listens.
    ///
    /// - Throws: `StoreError` when the data directory cannot be opened, or the bind error.
    package static func start(configuration: ServerConfiguration) async throws -> EmbeddedServer {
        var logger = Logger(label: "monk.embedded")
        logger.logLevel = .error
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let (application, registry) = try await buildApplication(configuration: configuration, logger: logger) {
            _,
            port in continuation.yield(port)
        }
        let group = ServiceGroup(services: [application], logger: logger)
        let running = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            await registry.close()
            try await running.value
            throw StoreError(code: "INTERNAL_ERROR", message: "the server stopped before it listened")
        }
        return EmbeddedServer(port: port, group: group, running: running, registry: registry)
    }

    /// Stops accepting, lets in-flight requests finish and closes the databases.
    ///
    /// - Throws: the server's error, if it failed while running.
    package func stop() async throws {
        await group.triggerGracefulShutdown()
        try await running.value
        await registry.close()
    }
}
