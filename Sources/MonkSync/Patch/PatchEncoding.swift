import MonkCore

/// The text of patch files: the pretty header and one canonical line per operation (DESIGN.md §7).
enum PatchEncoding {
    /// The header lines up to and including `"operations": [`, or `"operations": []` and the closing brace
    /// when `isEmpty`.
    static func header(_ header: PatchHeader, isEmpty: Bool) -> String {
        let summary = header.summary
        let members: [(String, String)] = [
            ("version", inline(.string(header.version))),
            ("created_at", inline(.string(header.createdAt))),
            ("generator", inline(.string(header.generator))),
            ("source", side(header.source)),
            ("destination", side(header.destination)),
            (
                "metadata",
                object([
                    ("filter", inline(header.filter ?? .null)),
                    ("fields", inline(header.fields.map { .array($0.map(JSONValue.string)) } ?? .null)),
                    ("ignore_fields", inline(.array(header.ignoreFields.map(JSONValue.string)))),
                ])
            ),
            (
                "checksum",
                object([
                    ("source", inline(summary.sourceChecksum.map(JSONValue.string) ?? .null)),
                    ("destination", inline(summary.destinationChecksum.map(JSONValue.string) ?? .null)),
                ])
            ),
            (
                "summary",
                object([
                    ("source_count", "\(summary.sourceCount)"),
                    ("destination_count", "\(summary.destinationCount)"),
                    ("unchanged", "\(summary.unchanged)"),
                    ("to_insert", "\(summary.inserts)"),
                    ("to_update", "\(summary.updates)"),
                    ("to_delete", "\(summary.deletes)"),
                ])
            ),
        ]
        var text = "{\n"
        for (key, value) in members { text += "  \(inline(.string(key))): \(value),\n" }
        text += isEmpty ? "  \"operations\": []\n}\n" : "  \"operations\": [\n"
        return text
    }

    /// The lines after the last operation.
    static let footer = "\n  ]\n}\n"

    /// One operation as canonical JSON, without a line ending.
    static func line(for operation: PatchOperation) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out.append(contentsOf: #"{"id":"#.utf8)
        out.append(contentsOf: JSONValue.string(operation.id).canonicalBytes)
        out.append(contentsOf: #","model":"#.utf8)
        out.append(contentsOf: JSONValue.string(operation.model).canonicalBytes)
        switch operation {
        case .insert(_, let record), .delete(_, let record):
            out.append(contentsOf: #","op":"\#(operation.kind.rawValue)","record":"#.utf8)
            out.append(contentsOf: record.bytes)
        case .update(_, let old, let new, let change):
            out.append(contentsOf: #","new":"#.utf8)
            out.append(contentsOf: new.bytes)
            out.append(contentsOf: #","old":"#.utf8)
            out.append(contentsOf: old.bytes)
            out.append(contentsOf: #","op":"update","patch":"#.utf8)
            out.append(contentsOf: change.patch.canonicalBytes)
            out.append(contentsOf: #","removed":"#.utf8)
            out.append(contentsOf: JSONValue.array(change.removed.map(JSONValue.string)).canonicalBytes)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// `{"a": 1, "b": [2, 3]}`: canonical spelling with a space after `:` and `,`, as headers show values.
    static func inline(_ value: JSONValue) -> String {
        switch value {
        case .array(let elements): "[" + elements.map(inline).joined(separator: ", ") + "]"
        case .object(let object):
            "{" + object.members.map { inline(.string($0.key)) + ": " + inline($0.value) }.joined(separator: ", ")
                + "}"
        default: value.canonicalString
        }
    }

    private static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { inline(.string($0.0)) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }

    private static func side(_ side: PatchHeader.Side) -> String {
        var members = [("endpoint", inline(.string(side.endpoint)))]
        if let server = side.server { members.append(("server", inline(.string(server)))) }
        if let tenant = side.tenant { members.append(("tenant", inline(.string(tenant)))) }
        members.append(("models", inline(.array(side.models.map(JSONValue.string)))))
        return object(members)
    }
}
