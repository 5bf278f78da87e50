/// Builds an ``HTTPResponseHead`` from header lines as libcurl delivers them, one call per line.
///
/// A status line (`HTTP/1.1 200 OK`, `HTTP/2 503`) starts a new head, so interim responses (`100 Continue`)
/// and proxy `CONNECT` answers are replaced by the final one. Folded continuation lines join the previous
/// header. The empty line that ends a head is ignored.
package struct ResponseHeadParser: Sendable {
    /// The head read so far; `status` is 0 until a status line arrived.
    package private(set) var head = HTTPResponseHead(status: 0)

    package init() {}

    /// Consumes one raw header line, with or without its trailing CRLF.
    package mutating func consume(_ rawLine: some StringProtocol) {
        var line = Substring(rawLine)
        while let last = line.last, last == "\n" || last == "\r" || last == "\r\n" { line.removeLast() }
        if line.isEmpty { return }
        if line.hasPrefix("HTTP/") {
            head = HTTPResponseHead(status: Self.status(ofStatusLine: line) ?? 0)
            return
        }
        if let first = line.first, first == " " || first == "\t", !head.headers.isEmpty {
            head.headers[head.headers.count - 1].value += " " + line.trimmingASCIIWhitespace()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingASCIIWhitespace()
        let value = line[line.index(after: colon)...].trimmingASCIIWhitespace()
        guard !name.isEmpty else { return }
        head.headers.append(HTTPHeader(name, value))
    }

    /// The status code of `HTTP/1.1 404 Not Found`, or `nil` when the line is malformed.
    private static func status(ofStatusLine line: Substring) -> Int? {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[1].count == 3, let code = Int(parts[1]) else { return nil }
        return code
    }
}
