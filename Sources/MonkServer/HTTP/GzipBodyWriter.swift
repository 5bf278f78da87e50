import CGzip
import Hummingbird
import NIOCore

/// A response body writer that gzips what it is given and passes the compressed bytes on, so streamed bodies
/// (JSONL) are compressed piece by piece without being collected first.
struct GzipBodyWriter: ResponseBodyWriter {
    var inner: any ResponseBodyWriter
    private let deflater = Deflater()

    init(inner: any ResponseBodyWriter) {
        self.inner = inner
    }

    mutating func write(_ buffer: ByteBuffer) async throws {
        let compressed = try deflater.deflate(buffer.readableBytesView, finish: false)
        if compressed.readableBytes > 0 { try await inner.write(compressed) }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        let tail = try deflater.deflate([], finish: true)
        try await inner.write(tail)
        try await inner.finish(trailingHeaders)
    }
}

/// One zlib gzip compressor. The `z_stream` lives at a fixed address (zlib keeps a pointer back to it).
private final class Deflater {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let isReady: Bool

    init() {
        stream.initialize(to: z_stream())
        // Level 1: about three times the speed of zlib's default for a slightly larger output. monk's big answers
        // (JSONL streams, sync checksums) go over loopback or a LAN, where the server's CPU is what limits them.
        isReady = monk_deflate_init_gzip(stream, 1) == Z_OK
    }

    deinit {
        if isReady { deflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses `input`; with `finish`, also ends the gzip member (trailer included).
    func deflate(_ input: some Collection<UInt8>, finish: Bool) throws -> ByteBuffer {
        guard isReady else { throw APIError(500, "INTERNAL_ERROR", "the gzip encoder could not start") }
        let bytes = Array(input)
        var output = ByteBuffer()
        var chunk = [UInt8](repeating: 0, count: 1 << 15)
        try bytes.withUnsafeBytes { source in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
            stream.pointee.avail_in = uInt(source.count)
            while true {
                let status = chunk.withUnsafeMutableBytes { buffer in
                    stream.pointee.next_out = buffer.bindMemory(to: Bytef.self).baseAddress
                    stream.pointee.avail_out = uInt(buffer.count)
                    return CGzip.deflate(stream, finish ? Z_FINISH : Z_NO_FLUSH)
                }
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    throw APIError(500, "INTERNAL_ERROR", "gzip compression failed")
                }
                let produced = chunk.count - Int(stream.pointee.avail_out)
                output.writeBytes(chunk[0..<produced])
                if status == Z_STREAM_END { break }
                if !finish, stream.pointee.avail_in == 0, stream.pointee.avail_out > 0 { break }
                if status == Z_BUF_ERROR { break }
            }
        }
        stream.pointee.next_in = nil
        return output
    }
}
