import Hummingbird
import MonkCore
import MonkStore
import NIOCore

/// Success responses with the response modifiers of API.md §0.7 (`?stat`, `?access`, `?unwrap`, `?select`,
/// `?format`).
enum Reply {
    /// How a route's records are stripped by default.
    enum Stripping {
        /// `/api/data*`: timestamps need `?stat`, `access_*` need `?access`.
        case data
        /// `/api/trashed*`: `trashed_at`/`deleted_at` always kept; the others as for data.
        case trashed
        /// Find, bulk, describe and the rest: never stripped.
        case none
    }

    /// The envelope `{"success":true,"data":…,"total"?}`, or the bare (projected) value with `?unwrap`/`?select`.
    static func success(_ data: JSONValue, total: Int? = nil, request: Request, projects: Bool = false) -> Response {
        let query = request.uri.queryParameters
        if let select = query.get("select") {
            let keys = select.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
            return JSONResponse.make(projects ? project(data, keys: keys) : data, request: request)
        }
        if query.has("unwrap") { return JSONResponse.make(data, request: request) }
        var envelope: JSONObject = ["success": true, "data": data]
        if let total { envelope["total"] = .number(JSONNumber(total)) }
        return JSONResponse.make(.object(envelope), request: request)
    }

    /// One `/api/data` record in the plain envelope, `{"data":<stored data>,"success":true}`, spliced from the
    /// stored canonical bytes; `nil` when the request asks for anything else (`?stat`, `?access`, `?select`,
    /// `?unwrap`, `?format`, YAML), which ``success(_:total:request:projects:)`` answers.
    ///
    /// The stored `data` is the canonical JSON of the record's id and fields, which is exactly what
    /// ``record(for:stripping:request:)`` leaves after stripping the system fields, so the bytes are the same.
    static func plainRecord(_ record: StoredRecord, request: Request) -> Response? {
        guard request.uri.query.map(\.isEmpty) ?? true, OutputFormat(request: request) == .json,
            record.data.first == UInt8(ascii: "{"), record.data.last == UInt8(ascii: "}")
        else { return nil }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(record.data.count + 26)
        buffer.writeStaticString(#"{"data":"#)
        buffer.writeBytes(record.data)
        buffer.writeStaticString(#","success":true}"#)
        return Response(
            status: .ok,
            headers: [.contentType: JSONResponse.jsonContentType, .contentLength: String(buffer.readableBytes)],
            body: ResponseBody(byteBuffer: buffer)
        )
    }

    /// Records as the API shows them, stripped for `stripping` unless the request keeps the fields.
    static func records(_ records: [StoredRecord], stripping: Stripping, request: Request) -> JSONValue {
        .array(records.map { record(for: $0, stripping: stripping, request: request) })
    }

    /// One record as the API shows it.
    static func record(for record: StoredRecord, stripping: Stripping, request: Request) -> JSONValue {
        var object = RecordCodec.fullObject(record)
        let query = request.uri.queryParameters
        let keepsStat = flag(query.get("stat"))
        let keepsAccess = flag(query.get("access"))
        switch stripping {
        case .none: break
        case .data, .trashed:
            if !keepsStat {
                object.removeValue(forKey: "created_at")
                object.removeValue(forKey: "updated_at")
                if stripping == .data {
                    object.removeValue(forKey: "trashed_at")
                    object.removeValue(forKey: "deleted_at")
                }
            }
            if !keepsAccess { for name in RecordCodec.accessFields { object.removeValue(forKey: name) } }
        }
        return .object(object)
    }

    /// `?stat=true` / `1`.
    static func flag(_ value: String?) -> Bool {
        value == "true" || value == "1"
    }

    /// `?select` projection: arrays keep the keys plus `id`; an object keeps the keys, and one key yields the bare
    /// value.
    private static func project(_ value: JSONValue, keys: [String]) -> JSONValue {
        switch value {
        case .array(let items):
            return .array(
                items.map { item in
                    guard case .object(let object) = item else { return item }
                    var projected = JSONObject()
                    for key in keys + ["id"] { projected[key] = object[key] ?? .null }
                    return .object(projected)
                }
            )
        case .object(let object):
            if keys.count == 1 { return object[keys[0]] ?? .null }
            var projected = JSONObject()
            for key in keys { projected[key] = object[key] ?? .null }
            return .object(projected)
        default:
            return value
        }
    }
}

extension String {
    /// Without leading and trailing spaces.
    var trimmed: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
