import Foundation
import HTTPTypes
import MonkCore
import Testing

/// Graceful shutdown (API.md §14): running requests finish, new ones get 503 `SERVICE_UNAVAILABLE` with
/// `Retry-After` until then.
@Suite struct DrainingTests {
    @Test func newRequestsGet503WhileARunningOneFinishes() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let body = Array(#"[{"name":"Late","email":"late@x.test","username":"late","account_type":"trial"}]"#.utf8)
            // A request whose body is still arriving keeps the server busy. It is pipelined behind a complete
            // one, so once that one is answered the server has the slow one's head in hand.
            let slow = try RawConnection(port: server.port)
            defer { slow.close() }
            try slow.send(
                Array(
                    ("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                        + "POST /api/data/account HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
                        + "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n").utf8
                ) + body.prefix(10)
            )
            let first = await Thread.detached { slow.readOneResponse() }
            #expect(first.hasPrefix("HTTP/1.1 200"))
            #expect(try await server.send(.get, "/health").status == 200)

            await server.beginShutdown()
            var drained: TestServer.Reply?
            for _ in 0..<500 {
                let reply = try await server.send(.get, "/health")
                if reply.status == 503 {
                    drained = reply
                    break
                }
                await Task.yield()
            }
            #expect(drained?.errorCode == "SERVICE_UNAVAILABLE")
            #expect(drained?.headers[.retryAfter] == "1")

            try slow.send(Array(body.dropFirst(10)))
            let response = await Thread.detached { String(decoding: slow.readAll(), as: UTF8.self) }
            #expect(response.hasPrefix("HTTP/1.1 200"))
            #expect(response.contains("\"name\":\"Late\""))
        }
    }
}

/// A blocking client socket to 127.0.0.1, for requests that arrive in pieces.
private struct RawConnection {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard descriptor >= 0, connected else { throw TestFailure("cannot connect to 127.0.0.1:\(port)") }
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { throw TestFailure("write failed") }
            offset += written
        }
    }

    /// One response with a `Content-Length` body, as text.
    func readOneResponse() -> String {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while !bytes.suffix(4).elementsEqual([13, 10, 13, 10]), read(descriptor, &byte, 1) == 1 { bytes.append(byte) }
        let head = String(decoding: bytes, as: UTF8.self).lowercased()
        let length =
            head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        for _ in 0..<length where read(descriptor, &byte, 1) == 1 { bytes.append(byte) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Everything the server sends until it closes the connection.
    func readAll() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    func close() { _ = Foundation.close(descriptor) }
}

extension Thread {
    /// Runs blocking `work` on a thread of its own, so a blocking read never holds one of Swift's few pool
    /// threads, and returns its result.
    static func detached<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }
}
