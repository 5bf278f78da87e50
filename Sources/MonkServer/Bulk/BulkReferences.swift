import MonkCore

/// `$ref:<op_id>.<path>` placeholders in bulk operations (API.md §6.3).
///
/// A ref ends at the first character outside `[A-Za-z0-9_.]` (a trailing `.` is not part of it);
/// `{$ref:…}` delimits one explicitly; `$$ref:` is a literal `$ref:`. A string that is exactly one ref becomes
/// the referenced value with its type; inside a longer string a string value is inserted as is and anything
/// else as compact JSON.
enum BulkReferences {
    /// Whether `byte` may appear in an op_id (`[A-Za-z0-9_]`).
    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
            || byte == UInt8(ascii: "_")
    }

    /// The op_ids referenced anywhere inside `value`.
    static func names(in value: JSONValue) -> Set<String> {
        var names = Set<String>()
        visitStrings(value) { text in
            guard containsMarker(text) else { return }
            for piece in pieces(text) { if case .reference(let opID, _) = piece { names.insert(opID) } }
        }
        return names
    }

    /// Whether `text` contains `$ref:` at all: a byte scan, so strings without refs (nearly all) cost no
    /// allocation.
    static func containsMarker(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= 5 else { return false }
            for index in 0...(bytes.count - 5)
            where bytes[index] == UInt8(ascii: "$") && bytes[index + 1] == UInt8(ascii: "r")
                && bytes[index + 2] == UInt8(ascii: "e") && bytes[index + 3] == UInt8(ascii: "f")
                && bytes[index + 4] == UInt8(ascii: ":")
            {
                return true
            }
            return false
        }
    }

    /// Whether any string inside `value` contains `$ref:`.
    static func containsMarker(in value: JSONValue) -> Bool {
        switch value {
        case .string(let text): containsMarker(text)
        case .array(let items): items.contains { containsMarker(in: $0) }
        case .object(let object): object.contains { containsMarker(in: $0.value) }
        default: false
        }
    }

    /// `value` with every ref replaced, looking paths up in `echoes` (op_id → echoed response element).
    ///
    /// - Throws: 422 `OPERATION_REFERENCE_INVALID` (`data.ref`) for a path that leads nowhere.
    static func resolve(_ value: JSONValue, echoes: [String: JSONValue]) throws -> JSONValue {
        guard containsMarker(in: value) else { return value }
        switch value {
        case .string(let text):
            let parts = pieces(text)
            if parts.count == 1, case .reference(let opID, let path) = parts[0] {
                return try lookup(opID, path, echoes)
            }
            guard parts.contains(where: { if case .reference = $0 { true } else { false } }) || text.contains("$$ref:")
            else { return value }
            var out = ""
            for part in parts {
                switch part {
                case .literal(let literal): out += literal
                case .reference(let opID, let path):
                    let resolved = try lookup(opID, path, echoes)
                    out += resolved.stringValue ?? resolved.canonicalString
                }
            }
            return .string(out)
        case .array(let items): return .array(try items.map { try resolve($0, echoes: echoes) })
        case .object(let object):
            var out = JSONObject()
            for (key, member) in object { out[key] = try resolve(member, echoes: echoes) }
            return .object(out)
        default: return value
        }
    }

    /// A literal run of text or one reference inside a string.
    private enum Piece {
        case literal(String)
        case reference(opID: String, path: [String])
    }

    /// Splits a string into literal text and refs.
    private static func pieces(_ text: String) -> [Piece] {
        let bytes = Array(text.utf8)
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        var index = 0
        let marker = Array("$ref:".utf8)
        func startsMarker(at position: Int) -> Bool {
            position + marker.count <= bytes.count && Array(bytes[position..<(position + marker.count)]) == marker
        }
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "$"), index + 1 < bytes.count, startsMarker(at: index + 1) {
                literal += marker  // `$$ref:` → literal `$ref:`
                index += 1 + marker.count
                continue
            }
            let braced = bytes[index] == UInt8(ascii: "{") && startsMarker(at: index + 1)
            if braced || startsMarker(at: index) {
                var end = index + (braced ? 1 : 0) + marker.count
                let start = end
                while end < bytes.count, isNameByte(bytes[end]) || bytes[end] == UInt8(ascii: ".") { end += 1 }
                var body = Array(bytes[start..<end])
                while body.last == UInt8(ascii: ".") {
                    body.removeLast()
                    end -= 1
                }
                let parts = String(decoding: body, as: UTF8.self).split(separator: ".").map(String.init)
                if let opID = parts.first, !(braced && (end >= bytes.count || bytes[end] != UInt8(ascii: "}"))) {
                    if !literal.isEmpty { pieces.append(.literal(String(decoding: literal, as: UTF8.self))) }
                    literal = []
                    pieces.append(.reference(opID: opID, path: Array(parts.dropFirst())))
                    index = end + (braced ? 1 : 0)
                    continue
                }
            }
            literal.append(bytes[index])
            index += 1
        }
        if !literal.isEmpty || pieces.isEmpty { pieces.append(.literal(String(decoding: literal, as: UTF8.self))) }
        return pieces
    }

    private static func lookup(_ opID: String, _ path: [String], _ echoes: [String: JSONValue]) throws -> JSONValue {
        let ref = "$ref:" + ([opID] + path).joined(separator: ".")
        let invalid = APIError(
            422,
            "OPERATION_REFERENCE_INVALID",
            "cannot resolve \(ref)",
            details: ["ref": .string(ref)]
        )
        guard var value = echoes[opID] else { throw invalid }
        for key in path {
            if let position = Int(key), case .array(let items) = value {
                guard items.indices.contains(position) else { throw invalid }
                value = items[position]
            } else if case .object(let object) = value, let member = object.member(key) {
                value = member
            } else {
                throw invalid
            }
        }
        return value
    }

    private static func visitStrings(_ value: JSONValue, _ body: (String) -> Void) {
        switch value {
        case .string(let text): body(text)
        case .array(let items): for item in items { visitStrings(item, body) }
        case .object(let object): for (_, member) in object { visitStrings(member, body) }
        default: break
        }
    }
}
