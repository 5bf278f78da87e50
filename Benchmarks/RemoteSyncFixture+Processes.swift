import Foundation
import Glibc

extension RemoteSyncFixture {
    /// What went wrong while preparing or running the servers.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `path` with `arguments` and returns its status and combined output.
    static func run(_ path: String, _ arguments: [String], environment: [String: String]) throws
        -> (status: Int32, output: String)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// Throws when a command failed, with the end of its output.
    func check(_ result: (status: Int32, output: String)) throws {
        guard result.status == 0 else {
            throw Failure(description: "exit \(result.status): \(result.output.suffix(400))")
        }
    }

    /// Waits up to 60 s for `GET /health` to answer.
    func waitForHealth(_ url: String) throws {
        for _ in 0..<600 {
            if (try? Self.run("/usr/bin/curl", ["-sf", url + "/health"], environment: [:]).status) == 0 { return }
            usleep(100_000)
        }
        throw Failure(description: "\(url) did not become healthy")
    }

    /// A loopback port nothing listens on: bound to port 0 to learn a number, then closed.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw Failure(description: "bind() failed") }
        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw Failure(description: "getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A random version 4 UUID in lowercase.
    static func uuid(_ random: inout SplitMix) -> String {
        let hex = Array("0123456789abcdef")
        var digits = (0..<32).map { _ in hex[Int(random.next() % 16)] }
        digits[12] = "4"
        digits[16] = hex[8 + Int(random.next() % 4)]
        let text = String(digits)
        let cuts = [8, 12, 16, 20]
        var parts: [String] = []
        var start = text.startIndex
        for cut in cuts {
            let end = text.index(text.startIndex, offsetBy: cut)
            parts.append(String(text[start..<end]))
            start = end
        }
        parts.append(String(text[start...]))
        return parts.joined(separator: "-")
    }
}
