import Hummingbird
import MonkArchive
import MonkCore
import NIOCore

/// Reads and parses request bodies under the server's limits (API.md §0.3, §14).
struct RequestBody {
    /// Largest accepted body in bytes.
    let maxBytes: Int
    /// Deepest accepted nesting of JSON or YAML values.
    let maxDepth: Int

    /// How a body is encoded, from its `Content-Type`.
    enum Kind {
        case json, yaml, jsonl, unsupported
    }

    /// The kind of `request`'s body. A missing or unknown type counts as JSON.
    static func kind(of request: Request) -> Kind {
        let type = (request.headers[.contentType] ?? "").lowercased()
        if type.contains("yaml") { return .yaml }
        if type.contains("ndjson") || type.contains("jsonl") { return .jsonl }
        if type.hasPrefix("multipart/") || type.contains("zip") || type.contains("sqlite")
            || type.hasPrefix("application/octet-stream")
        {
            return .unsupported
        }
        return .json
    }

    /// The raw bytes of the body, inflated when it is sent with `Content-Encoding: gzip`.
    ///
    /// - Throws: 413 `REQUEST_TOO_LARGE` past the limit (which applies to the decoded body), 400
    ///   `INVALID_REQUEST_BODY` for a broken gzip body, 415 `UNSUPPORTED_MEDIA_TYPE` for other encodings.
    func bytes(of request: Request) async throws -> [UInt8] {
        let (buffer, isGzip) = try await collect(request)
        let bytes = Array(buffer.readableBytesView)
        return isGzip ? try Gzip.inflate(bytes, limit: maxBytes) : bytes
    }

    /// ``bytes(of:)`` as the buffer the body arrived in, so a large plain body is not copied.
    func buffer(of request: Request) async throws -> ByteBuffer {
        let (buffer, isGzip) = try await collect(request)
        guard isGzip else { return buffer }
        return ByteBuffer(bytes: try Gzip.inflate(Array(buffer.readableBytesView), limit: maxBytes))
    }

    /// The body as received, and whether it is gzip-encoded; see ``bytes(of:)`` for the errors.
    ///
    /// A body of declared length is gathered into one buffer of that capacity (growing a buffer chunk by
    /// chunk copies a large body several times over).
    private func collect(_ request: Request) async throws -> (ByteBuffer, isGzip: Bool) {
        let declared = request.headers[.contentLength].flatMap(Int.init)
        if let declared, declared > maxBytes {
            throw tooLarge(actual: declared)
        }
        let encoding = (request.headers[.contentEncoding] ?? "identity").lowercased().filter { $0 != " " }
        guard encoding == "identity" || encoding == "gzip" || encoding == "x-gzip" else {
            throw APIError(415, "UNSUPPORTED_MEDIA_TYPE", "request bodies may be sent plain or with gzip only")
        }
        let isGzip = encoding != "identity"
        guard let declared, declared > 0 else {
            var request = request
            do {
                return (try await request.collectBody(upTo: maxBytes), isGzip)
            } catch is NIOTooManyBytesError {
                throw tooLarge(actual: nil)
            }
        }
        var buffer = ByteBufferAllocator().buffer(capacity: declared)
        for try await fragment in request.body {
            guard buffer.readableBytes + fragment.readableBytes <= maxBytes else { throw tooLarge(actual: nil) }
            buffer.writeImmutableBuffer(fragment)
        }
        return (buffer, isGzip)
    }

    /// The body as one JSON value (JSON or YAML; an empty body is `{}`).
    ///
    /// - Throws: 400 `INVALID_REQUEST_BODY` for malformed input, 415 `UNSUPPORTED_MEDIA_TYPE` for JSONL, ZIP,
    ///   SQLite or multipart bodies, 413 `REQUEST_TOO_LARGE`.
    func value(of request: Request) async throws -> JSONValue {
        let kind = try RequestBody.documentKind(of: request)
        return try value(of: try await bytes(of: request), kind: kind)
    }

    /// The buffer of a JSON or YAML body and which of the two it is, for routes that read the body their own
    /// way before (or instead of) ``value(of:kind:)``.
    ///
    /// - Throws: as ``value(of:)-(Request)``, except for malformed input.
    func document(of request: Request) async throws -> (buffer: ByteBuffer, kind: Kind) {
        let kind = try RequestBody.documentKind(of: request)
        return (try await buffer(of: request), kind)
    }

    /// The kind of a body that must be JSON or YAML.
    private static func documentKind(of request: Request) throws -> Kind {
        let kind = RequestBody.kind(of: request)
        guard kind == .json || kind == .yaml else {
            throw APIError(415, "UNSUPPORTED_MEDIA_TYPE", "this route takes a JSON or YAML body")
        }
        return kind
    }

    /// The body `bytes` of kind `kind` as one value, exactly as ``value(of:)-(Request)`` reads it.
    ///
    /// - Throws: 400 `INVALID_REQUEST_BODY` for malformed input.
    func value(of bytes: [UInt8], kind: Kind) throws -> JSONValue {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09 }) { return .object([:]) }
        return try parse(bytes, kind: kind)
    }

    /// Parses JSON or YAML bytes.
    func parse(_ bytes: [UInt8], kind: Kind) throws -> JSONValue {
        if kind == .yaml {
            do {
                return try YAMLReader.parse(bytes, source: "body")
            } catch {
                throw APIError(400, "INVALID_REQUEST_BODY", "invalid YAML body: \(error.message)")
            }
        }
        do {
            return try JSONParser.parse(bytes, options: JSONParser.Options(maximumDepth: maxDepth))
        } catch {
            throw APIError(400, "INVALID_REQUEST_BODY", "invalid JSON body: \(error.description)")
        }
    }

    /// The lines of a JSONL body as values, each with its 1-based line number.
    ///
    /// - Throws: 400 `INVALID_REQUEST_BODY` with `data.line` for the first bad line.
    func lines(_ bytes: [UInt8]) throws -> [JSONValue] {
        var values: [JSONValue] = []
        var lineNumber = 0
        for var line in bytes.split(separator: 0x0a, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.last == 0x0d { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                values.append(try JSONParser.parse(line, options: JSONParser.Options(maximumDepth: maxDepth)))
            } catch {
                throw APIError(
                    400,
                    "INVALID_REQUEST_BODY",
                    "invalid JSONL body at line \(lineNumber): \(error.description)",
                    details: ["line": .number(JSONNumber(lineNumber))]
                )
            }
        }
        return values
    }

    private func tooLarge(actual: Int?) -> APIError {
        var details: JSONObject = ["limit": .number(JSONNumber(maxBytes))]
        if let actual { details["actual"] = .number(JSONNumber(actual)) }
        return APIError(413, "REQUEST_TOO_LARGE", "request body exceeds \(maxBytes) bytes", details: details)
    }
}
