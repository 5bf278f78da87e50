import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads HTTP/1.1 requests (head plus `Content-Length` body) from a connected socket.
struct SocketReader {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) { self.fd = fd }

    /// The next request, or `nil` when the peer closed the connection or sent garbage.
    mutating func readRequest(connection: Int) -> LoopbackHTTPServer.Received? {
        guard let headEnd = readUntilHeadEnd() else { return nil }
        let headText = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < length {
            guard fill() else { return nil }
        }
        let body = Array(buffer.prefix(length))
        buffer.removeFirst(length)
        return LoopbackHTTPServer.Received(
            method: String(requestLine[0]),
            target: String(requestLine[1]),
            headers: headers,
            body: body,
            connection: connection
        )
    }

    /// Reads and discards until the peer closes the connection.
    mutating func drainUntilClosed() {
        while fill() { buffer.removeAll() }
    }

    private mutating func readUntilHeadEnd() -> Int? {
        while true {
            if let end = headEnd() { return end }
            guard fill() else { return nil }
        }
    }

    private func headEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4)
        where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }

    /// Appends what one `recv` returns; `false` at end of stream or on error.
    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }
}

/// Writes scripted replies to a socket.
enum SocketWriter {
    /// Sends `reply` with a `Content-Length`, or chunked when it has chunks; `false` when the peer is gone.
    static func write(_ reply: LoopbackHTTPServer.Reply, to fd: Int32) -> Bool {
        var head = "HTTP/1.1 \(reply.status) Status\r\n"
        for (name, value) in reply.headers { head += "\(name): \(value)\r\n" }
        var bytes: [UInt8]
        if let chunks = reply.chunks {
            head += "Transfer-Encoding: chunked\r\n\r\n"
            guard send(Array(head.utf8), to: fd) else { return false }
            for chunk in chunks where !chunk.isEmpty {
                guard send(Array("\(String(chunk.count, radix: 16))\r\n".utf8) + chunk + [13, 10], to: fd) else {
                    return false
                }
            }
            return reply.truncates || send(Array("0\r\n\r\n".utf8), to: fd)
        }
        head += "Content-Length: \(reply.body.count)\r\n\r\n"
        bytes = Array(head.utf8)
        bytes.append(contentsOf: reply.body)
        return send(bytes, to: fd)
    }

    private static func send(_ bytes: [UInt8], to fd: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}

/// gzip (RFC 1952) with stored deflate blocks: valid compressed framing without a compressor, so tests can
/// check that the transport decodes `Content-Encoding: gzip`.
package enum StoredGzip {
    package static func encode(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            let isLast = offset + count == data.count
            out.append(isLast ? 1 : 0)
            out += [UInt8(count & 0xff), UInt8(count >> 8), UInt8(~count & 0xff), UInt8((~count >> 8) & 0xff)]
            out += data[offset..<offset + count]
            offset += count
        } while offset < data.count
        out += littleEndian(crc32(data)) + littleEndian(UInt32(truncatingIfNeeded: data.count))
        return out
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xff), UInt8((value >> 8) & 0xff), UInt8((value >> 16) & 0xff), UInt8(value >> 24)]
    }

    private static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xedb8_8320 : 0) }
        }
        return ~crc
    }
}
