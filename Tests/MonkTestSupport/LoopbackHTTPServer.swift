import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A tiny HTTP/1.1 responder on 127.0.0.1 for transport tests: a POSIX socket on port 0, an accept thread and
/// one thread per connection, answering each request from a script.
///
/// Connections are kept alive, so tests also see libcurl reuse them. A ``Reply`` can hang (never answer
/// until the client hangs up) to provoke timeouts. ``stop()`` closes the listener and every connection.
package final class LoopbackHTTPServer: Sendable {
    /// One scripted answer.
    package struct Reply: Sendable {
        package var status = 200
        package var headers: [(String, String)] = []
        package var body: [UInt8] = []
        /// When set, the body is sent with `Transfer-Encoding: chunked`, one HTTP chunk per element.
        package var chunks: [[UInt8]]?
        /// Never answer; wait until the client closes the connection.
        package var hangs = false
        /// Send the chunks, then close the connection without the final empty chunk (a broken stream).
        package var truncates = false

        package init(
            status: Int = 200,
            headers: [(String, String)] = [],
            body: [UInt8] = [],
            chunks: [[UInt8]]? = nil,
            hangs: Bool = false,
            truncates: Bool = false
        ) {
            self.status = status
            self.headers = headers
            self.body = body
            self.chunks = chunks
            self.hangs = hangs
            self.truncates = truncates
        }

        package static func json(_ text: String, status: Int = 200, headers: [(String, String)] = []) -> Reply {
            Reply(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(text.utf8))
        }
    }

    /// One request as the server read it.
    package struct Received: Sendable {
        package var method: String
        package var target: String
        /// Header names lowercased.
        package var headers: [String: String]
        package var body: [UInt8]
        /// Which connection (0-based, in accept order) carried it.
        package var connection: Int
    }

    package let port: UInt16
    private let listener: Int32
    private let script: @Sendable (Received, Int) -> Reply
    private let state = Mutex(State())

    private struct State {
        var received: [Received] = []
        var connections: [Int32] = []
        var isStopped = false
    }

    /// Starts a server answering request number `n` (0-based) with `replies[min(n, replies.count - 1)]`.
    package convenience init(replies: [Reply]) throws {
        try self.init { _, index in replies[min(index, replies.count - 1)] }
    }

    /// Starts a server answering each request with `script(request, index)`.
    package init(script: @escaping @Sendable (Received, Int) -> Reply) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw ServerError("bind/listen failed")
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        self.script = script
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// The base URL, `http://127.0.0.1:<port>`.
    package var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, in arrival order.
    package var received: [Received] { state.withLock { $0.received } }

    /// Closes the listener and all connections; the server threads then end.
    package func stop() {
        // Shutting down (not closing) under the lock: the threads that own the descriptors close them, so no
        // descriptor number is touched after it could have been reused by another test.
        state.withLock { state in
            state.isStopped = true
            shutdown(listener, Int32(SHUT_RDWR))
            for connection in state.connections { shutdown(connection, Int32(SHUT_RDWR)) }
        }
    }

    private func acceptLoop() {
        defer { close(listener) }
        var connectionNumber = 0
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            let accepted = state.withLock { state in
                guard !state.isStopped else { return false }
                state.connections.append(connection)
                return true
            }
            guard accepted else {
                close(connection)
                return
            }
            let number = connectionNumber
            connectionNumber += 1
            Thread.detachNewThread { [self] in serve(connection, number: number) }
        }
    }

    private func serve(_ connection: Int32, number: Int) {
        var reader = SocketReader(fd: connection)
        defer {
            state.withLock { state in
                state.connections.removeAll { $0 == connection }
                close(connection)
            }
        }
        while let request = reader.readRequest(connection: number) {
            let index = state.withLock { state in
                state.received.append(request)
                return state.received.count - 1
            }
            let reply = script(request, index)
            if reply.hangs {
                reader.drainUntilClosed()
                return
            }
            guard SocketWriter.write(reply, to: connection), !reply.truncates else { return }
        }
    }
}

/// A failure to start the test server.
package struct ServerError: Error, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
