import CGzip
import Hummingbird
import MonkCore
import NIOCore

/// gzip both ways (API.md §0.1): `Content-Encoding: gzip` request bodies are inflated under the decoded size
/// limit; responses are deflated when the client sends `Accept-Encoding: gzip`.
package enum Gzip {
    /// Bodies smaller than this are sent as they are: compressing them saves nothing worth the CPU.
    static let minimumResponseBytes = 1024

    /// Inflates a gzip body.
    ///
    /// - Parameter limit: The largest decoded size accepted.
    /// - Throws: 413 `REQUEST_TOO_LARGE` past `limit`, 400 `INVALID_REQUEST_BODY` for data that is not gzip.
    package static func inflate(_ compressed: [UInt8], limit: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard monk_inflate_init_gzip(&stream) == Z_OK else {
            throw APIError(500, "INTERNAL_ERROR", "the gzip decoder could not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var status = Z_OK
        try compressed.withUnsafeBytes { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            while status == Z_OK {
                status = chunk.withUnsafeMutableBytes { buffer in
                    stream.next_out = buffer.bindMemory(to: Bytef.self).baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return CGzip.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                guard output.count + produced <= limit else {
                    throw APIError(
                        413,
                        "REQUEST_TOO_LARGE",
                        "decoded request body exceeds \(limit) bytes",
                        details: ["limit": .number(JSONNumber(limit))]
                    )
                }
                output.append(contentsOf: chunk[0..<produced])
                if status == Z_BUF_ERROR, stream.avail_in == 0 { break }
            }
        }
        guard status == Z_STREAM_END else {
            throw APIError(400, "INVALID_REQUEST_BODY", "the body is not valid gzip data")
        }
        return output
    }

    /// Whether the client accepts gzip (`Accept-Encoding: gzip`, without `q=0`).
    static func isAccepted(by request: Request) -> Bool {
        guard let header = request.headers[.acceptEncoding]?.lowercased() else { return false }
        return header.split(separator: ",").contains { item in
            let parts = item.split(separator: ";").map { $0.filter { $0 != " " } }
            guard parts.first == "gzip" || parts.first == "*" else { return false }
            return !parts.dropFirst().contains { $0 == "q=0" || $0 == "q=0.0" || $0 == "q=0.00" || $0 == "q=0.000" }
        }
    }

    /// `response` with its body gzipped when it is a stream or at least ``minimumResponseBytes`` long and has no
    /// encoding yet.
    static func compress(_ response: Response) -> Response {
        if let length = response.body.contentLength, length < minimumResponseBytes { return response }
        guard response.headers[.contentEncoding] == nil else { return response }
        var compressed = response
        let original = response.body
        compressed.body = ResponseBody { writer in
            try await original.write(GzipBodyWriter(inner: writer))
        }
        compressed.headers[.contentEncoding] = "gzip"
        compressed.headers[.contentLength] = nil
        compressed.headers[.vary] = "Accept-Encoding"
        return compressed
    }
}
