import Hummingbird
import MonkArchive
import MonkCore
import NIOCore

/// Builds the HTTP responses of the monk API: compact JSON (API.md §0.2), JSONL streams and, with
/// `?format=yaml` or `Accept: application/yaml`, YAML.
enum JSONResponse {
    static let jsonContentType = "application/json; charset=utf-8"
    static let jsonlContentType = "application/x-ndjson"

    /// A response whose body is `value` in the format the request asked for.
    static func make(_ value: JSONValue, status: HTTPResponse.Status = .ok, request: Request) -> Response {
        make(value, status: status, format: OutputFormat(request: request))
    }

    /// A response whose body is `value` encoded as `format`.
    static func make(_ value: JSONValue, status: HTTPResponse.Status, format: OutputFormat) -> Response {
        let bytes: [UInt8]
        let contentType: String
        switch format {
        case .json:
            bytes = value.canonicalBytes
            contentType = jsonContentType
        case .yaml:
            bytes = Array(YAMLWriter.encode(value).utf8)
            contentType = "application/yaml; charset=utf-8"
        }
        var buffer = ByteBuffer()
        buffer.writeBytes(bytes)
        return Response(
            status: status,
            headers: [.contentType: contentType, .contentLength: String(bytes.count)],
            body: ResponseBody(byteBuffer: buffer)
        )
    }
}

/// The response format a request asked for: `?format=` first, then `Accept`, then JSON (API.md §0.3).
enum OutputFormat: Sendable {
    case json, yaml

    init(request: Request) {
        switch request.uri.queryParameters.get("format") {
        case "yaml": self = .yaml
        case "json": self = .json
        default:
            let accept = request.headers[.accept] ?? ""
            self = accept.contains("yaml") ? .yaml : .json
        }
    }
}
