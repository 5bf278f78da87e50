import Foundation
import Logging
import MonkServer
import MonkStore
import ServiceLifecycle

/// An in-process `monk serve` on 127.0.0.1, port 0, over a fresh temporary data directory, for end-to-end
/// tests that point the built `monk` binary at it.
///
/// The server is built with the same `buildApplication` that `monk serve` uses, listens on a port the kernel
/// picks (read back through `onListening`, never a fixed port), and is shut down gracefully when `body`
/// returns or throws.
///
/// ```swift
/// try await TestServer.run { server in
///     let result = try await MonkProcess.run(["config", "server", "add", "local", server.baseURL], environment: env)
/// }
/// ```
package struct TestServer: Sendable {
    /// The port the server listens on.
    package let port: Int
    /// The server's data directory (removed afterwards).
    package let dataDirectory: String

    /// The base URL to configure a client with.
    package var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts a server, runs `body` against it, and stops the server whatever `body` does.
    ///
    /// - Throws: what `body` throws, or the server's start-up error.
    package static func run<T: Sendable>(_ body: @Sendable (TestServer) async throws -> T) async throws -> T {
        try await withTemporaryDirectory { directory in
            var configuration = ServerConfiguration()
            configuration.host = "127.0.0.1"
            configuration.port = 0
            configuration.dataDirectory = directory.path
            configuration.jwtSecret = "end-to-end-test-secret"
            configuration.bcryptCost = 4
            var logger = Logger(label: "monk.test-server")
            logger.logLevel = .error
            let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
            let (application, registry) = try await buildApplication(configuration: configuration, logger: logger) {
                _,
                port in portContinuation.yield(port)
            }
            let group = ServiceGroup(services: [application], logger: logger)
            let result = try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                defer { portContinuation.finish() }
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next() else {
                    throw TestServerError(message: "the test server stopped before it listened")
                }
                let outcome: Result<T, any Error>
                do {
                    outcome = .success(try await body(TestServer(port: port, dataDirectory: directory.path)))
                } catch {
                    outcome = .failure(error)
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return try outcome.get()
            }
            await registry.close()
            return result
        }
    }

    /// A loopback port with nothing listening on it: bound to find a free number, then closed again.
    ///
    /// - Throws: ``TestServerError`` when no socket can be bound.
    package static func closedLoopbackPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestServerError(message: "socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw TestServerError(message: "bind() on 127.0.0.1 failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// The test server could not be started or a helper failed.
package struct TestServerError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
