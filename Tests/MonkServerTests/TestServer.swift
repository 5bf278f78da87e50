import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import MonkCore
import MonkServer
import MonkStore
import MonkTestSupport
import NIOCore
import ServiceLifecycle

/// An in-process `monk serve` on 127.0.0.1, port 0, over a fresh temporary data directory, with an HTTP
/// client talking to it over a real socket.
struct TestServer: Sendable {
    /// A decoded response.
    struct Reply: Sendable {
        var status: Int
        var headers: HTTPFields
        var body: [UInt8]
        /// The body parsed as JSON (`null` when it is not JSON).
        var json: JSONValue { (try? JSONParser.parse(body)) ?? .null }
        var data: JSONValue { json["data"] ?? .null }
        var errorCode: String? { json["error_code"]?.stringValue }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let client: TestClient
    let port: Int
    let dataDirectory: String
    /// Starts a graceful shutdown (as SIGTERM does) without waiting for it.
    let beginShutdown: @Sendable () async -> Void

    /// Runs `body` against a fresh server and stops the server afterwards.
    static func run(
        configure: @Sendable (inout ServerConfiguration) -> Void = { _ in },
        _ body: @Sendable (TestServer) async throws -> Void
    ) async throws {
        try await withTemporaryDirectory { directory in
            var configuration = ServerConfiguration()
            configuration.port = 0
            configuration.dataDirectory = directory.path
            configuration.jwtSecret = "test-secret"
            configuration.bcryptCost = 4
            configure(&configuration)
            var logger = Logger(label: "monk.test")
            logger.logLevel = .warning
            let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
            let (application, registry) = try await buildApplication(configuration: configuration, logger: logger) {
                _,
                port in portContinuation.yield(port)
            }
            let group = ServiceGroup(services: [application], logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next() else { return }
                let client = TestClient(host: "127.0.0.1", port: port)
                client.connect()
                do {
                    try await body(
                        TestServer(client: client, port: port, dataDirectory: directory.path) {
                            await group.triggerGracefulShutdown()
                        }
                    )
                } catch {
                    try? await client.shutdown()
                    await group.triggerGracefulShutdown()
                    throw error
                }
                // A test that shut the server down has already seen the client's connection closed.
                try? await client.shutdown()
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            await registry.close()
        }
    }

    /// Sends one request; the body is `json` as compact JSON, or `raw` text, or `bytes` as they are.
    func send(
        _ method: HTTPRequest.Method,
        _ path: String,
        json: JSONValue? = nil,
        raw: String? = nil,
        bytes: [UInt8]? = nil,
        token: String? = nil,
        headers: HTTPFields = [:]
    ) async throws -> Reply {
        var fields = headers
        if let token { fields[.authorization] = "Bearer \(token)" }
        var buffer: ByteBuffer?
        if let json { buffer = ByteBuffer(bytes: json.canonicalBytes) }
        if let raw { buffer = ByteBuffer(string: raw) }
        if let bytes { buffer = ByteBuffer(bytes: bytes) }
        if buffer != nil, fields[.contentType] == nil { fields[.contentType] = "application/json" }
        let response = try await client.execute(.init(path, method: method, headers: fields, body: buffer))
        let bytes = response.body.map { Array($0.readableBytesView) } ?? []
        return Reply(status: Int(response.status.code), headers: response.headers, body: bytes)
    }

    /// Registers a tenant and returns its root token.
    func register(tenant: String, template: String = "testing", password: String = "s3cret") async throws -> String {
        let reply = try await send(
            .post,
            "/auth/register",
            json: [
                "tenant": .string(tenant), "username": "root", "password": .string(password),
                "template": .string(template),
            ]
        )
        guard let token = reply.data["token"]?.stringValue else {
            throw TestFailure("register \(tenant) failed: \(reply.status) \(reply.text)")
        }
        return token
    }
}

/// A test precondition that failed.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
