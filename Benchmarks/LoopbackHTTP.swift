import Glibc

/// A minimal blocking HTTP/1.1 client for the serve scenarios: one request per connection
/// (`Connection: close`), body handed over piece by piece as it arrives, chunked transfer decoded.
///
/// It runs on the benchmark's own thread, so its CPU time is counted on monk's side with the server's.
struct LoopbackHTTP {
    /// The server's port on 127.0.0.1.
    var port: Int

    /// A failed connection, write or read, or an unreadable response.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends one request and returns its status and whole body.
    func send(_ method: String, _ path: String, headers: [String] = [], body: [UInt8] = []) throws -> (Int, [UInt8]) {
        var collected: [UInt8] = []
        let status = try stream(method, path, headers: headers, body: body) { collected.append(contentsOf: $0) }
        return (status, collected)
    }

    /// Sends one request and passes each decoded piece of the response body to `onBody`.
    ///
    /// - Returns: the response status.
    func stream(
        _ method: String,
        _ path: String,
        headers: [String] = [],
        body: [UInt8] = [],
        onBody: (UnsafeRawBufferPointer) -> Void
    ) throws -> Int {
        let socket = try connectLoopback()
        defer { close(socket) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        head += "Content-Length: \(body.count)\r\n"
        for header in headers { head += header + "\r\n" }
        head += "\r\n"
        try writeAll(socket, Array(head.utf8))
        try writeAll(socket, body)

        var reader = ResponseReader()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            try buffer.withUnsafeBytes { bytes in
                try reader.feed(UnsafeRawBufferPointer(rebasing: bytes[0..<count]), onBody: onBody)
            }
        }
        guard let status = reader.status else { throw Failure(description: "\(method) \(path): no response") }
        return status
    }

    private func connectLoopback() throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            close(socket)
            throw Failure(description: "connect to 127.0.0.1:\(port) failed: errno \(errno)")
        }
        return socket
    }

    private func writeAll(_ socket: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(socket, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw Failure(description: "write failed: errno \(errno)") }
            offset += written
        }
    }
}

/// Parses a response as it arrives: status line and headers, then the body (plain or chunked).
private struct ResponseReader {
    var status: Int?
    private var head: [UInt8] = []
    private var isChunked = false
    /// Chunked decoding: bytes left in the current chunk, or `nil` while reading a size line.
    private var chunkRemaining: Int?
    private var sizeLine: [UInt8] = []
    private var skipCRLF = 0
    private var isDone = false

    mutating func feed(_ bytes: UnsafeRawBufferPointer, onBody: (UnsafeRawBufferPointer) -> Void) throws {
        var index = 0
        if status == nil {
            while index < bytes.count, status == nil {
                head.append(bytes[index])
                index += 1
                if head.count >= 4, head.suffix(4).elementsEqual([13, 10, 13, 10]) { try parseHead() }
            }
            guard status != nil else { return }
        }
        guard isChunked else {
            onBody(UnsafeRawBufferPointer(rebasing: bytes[index...]))
            return
        }
        while index < bytes.count, !isDone {
            if skipCRLF > 0 {
                skipCRLF -= 1
                index += 1
            } else if let remaining = chunkRemaining {
                let take = min(remaining, bytes.count - index)
                onBody(UnsafeRawBufferPointer(rebasing: bytes[index..<(index + take)]))
                index += take
                chunkRemaining = remaining - take == 0 ? nil : remaining - take
                if remaining == take { skipCRLF = 2 }
            } else {
                let byte = bytes[index]
                index += 1
                guard byte == 10 else {
                    if byte != 13 { sizeLine.append(byte) }
                    continue
                }
                let text = String(decoding: sizeLine, as: UTF8.self).split(separator: ";").first ?? ""
                sizeLine.removeAll()
                guard let size = Int(text.trimmingSpaces, radix: 16) else {
                    throw LoopbackHTTP.Failure(description: "bad chunk size line \(text)")
                }
                if size == 0 { isDone = true } else { chunkRemaining = size }
            }
        }
    }

    private mutating func parseHead() throws {
        let text = String(decoding: head, as: UTF8.self)
        let lines = text.split(separator: "\r\n")
        guard let first = lines.first, first.split(separator: " ").count >= 2,
            let code = Int(first.split(separator: " ")[1])
        else { throw LoopbackHTTP.Failure(description: "bad status line") }
        status = code
        isChunked = lines.dropFirst().contains { $0.lowercased() == "transfer-encoding: chunked" }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String { String(self.filter { $0 != " " }) }
}
