import MonkCore

/// Builds a ``PatchHeader`` from the members of a patch document, current or bash-era shape.
enum PatchHeaderDecoding {
    /// A header with nothing in it, until the real one is read.
    static let placeholder = PatchHeader(
        createdAt: "",
        generator: "",
        source: .init(endpoint: "", models: []),
        destination: .init(endpoint: "", models: []),
        selection: .everything,
        summary: DiffSummary()
    )

    /// The header the members describe.
    ///
    /// - Throws: ``SyncError`` `.invalidData` when a member has the wrong type.
    static func header(from members: JSONObject, path: String) throws(SyncError) -> PatchHeader {
        let metadata = members.member("metadata")?.objectValue ?? JSONObject()
        var header = placeholder
        header.isLegacy = members.member("version") == nil
        header.version = members.member("version")?.stringValue ?? "legacy"
        header.createdAt = members.member("created_at")?.stringValue ?? metadata.member("created_at")?.stringValue ?? ""
        header.generator = members.member("generator")?.stringValue ?? ""
        header.source = try side(members.member("source") ?? metadata.member("source"), path: path, name: "source")
        header.destination = try side(
            members.member("destination") ?? metadata.member("destination"),
            path: path,
            name: "destination"
        )
        // Not a `? nil :` ternary: JSONValue is ExpressibleByNilLiteral, so that would yield `.null`.
        if let filter = metadata.member("filter"), !filter.isNull { header.filter = filter }
        header.fields = try strings(metadata.member("fields"), path: path, name: "metadata.fields")
        header.ignoreFields =
            try strings(metadata.member("ignore_fields"), path: path, name: "metadata.ignore_fields") ?? []
        let checksum = members.member("checksum")?.objectValue ?? JSONObject()
        let summary = members.member("summary")?.objectValue ?? JSONObject()
        header.summary.sourceChecksum = checksum.member("source")?.stringValue
        header.summary.destinationChecksum = checksum.member("destination")?.stringValue
        header.summary.sourceCount = count(summary.member("source_count"))
        header.summary.destinationCount = count(summary.member("destination_count") ?? summary.member("dest_count"))
        header.summary.unchanged = count(summary.member("unchanged"))
        header.summary.inserts = count(summary.member("to_insert"))
        header.summary.updates = count(summary.member("to_update"))
        header.summary.deletes = count(summary.member("to_delete"))
        return header
    }

    private static func side(_ value: JSONValue?, path: String, name: String) throws(SyncError) -> PatchHeader.Side {
        switch value {
        case .string(let endpoint): return PatchHeader.Side(endpoint: endpoint, models: [])
        case .object(let object):
            return PatchHeader.Side(
                endpoint: object.member("endpoint")?.stringValue ?? "",
                server: object.member("server")?.stringValue,
                tenant: object.member("tenant")?.stringValue,
                models: try strings(object.member("models"), path: path, name: "\(name).models") ?? []
            )
        case nil, .null: return PatchHeader.Side(endpoint: "", models: [])
        default: throw SyncError(code: .invalidData, message: "\(path): \"\(name)\" must be an object")
        }
    }

    private static func strings(_ value: JSONValue?, path: String, name: String) throws(SyncError) -> [String]? {
        guard let value, !value.isNull else { return nil }
        guard let array = value.arrayValue, case let strings = array.compactMap(\.stringValue),
            strings.count == array.count
        else {
            throw SyncError(code: .invalidData, message: "\(path): \"\(name)\" must be an array of strings")
        }
        return strings
    }

    private static func count(_ value: JSONValue?) -> Int {
        value?.numberValue?.int64Value.map { Int($0) } ?? 0
    }
}

/// Builds an ``PatchOperation`` from one element of a patch's `operations` array.
enum PatchOperationDecoding {
    /// The operation `value` describes, or `nil` for a bash-era `unchanged` entry.
    ///
    /// - Throws: ``SyncError`` (message without file and line; the reader adds them).
    static func operation(
        from value: JSONValue,
        defaultModel: String,
        selection: FieldSelection
    ) throws(SyncError) -> PatchOperation? {
        guard case .object(let object) = value else { throw invalid("an operation must be an object") }
        guard case .string(let op)? = object.member("op") else { throw invalid(#"an operation needs a string "op""#) }
        guard case .string(let id)? = object.member("id"), !id.isEmpty else {
            throw invalid(#"an operation needs a non-empty string "id""#)
        }
        let model = object.member("model")?.stringValue ?? defaultModel
        switch op {
        case "unchanged":
            return nil
        case "insert":
            return .insert(model: model, record: try record(object.member("record"), id: id, name: "record", selection))
        case "delete":
            return .delete(model: model, record: try record(object.member("record"), id: id, name: "record", selection))
        case "update":
            let old = try record(object.member("old"), id: id, name: "old", selection)
            let new = try record(object.member("new"), id: id, name: "new", selection)
            let change: FieldChange
            if case .object(let patch)? = object.member("patch") {
                let removed = object.member("removed")?.arrayValue?.compactMap(\.stringValue) ?? []
                change = FieldChange(patch: patch, removed: removed)
            } else {
                change = FieldChange(
                    from: try PatchOperation.object(of: old, model: model),
                    to: try PatchOperation.object(of: new, model: model),
                    selection: selection
                )
            }
            return .update(model: model, old: old, new: new, change: change)
        default:
            throw invalid("unknown operation \"\(op)\" for id '\(id)'")
        }
    }

    private static func record(
        _ value: JSONValue?,
        id: String,
        name: String,
        _ selection: FieldSelection
    ) throws(SyncError) -> CanonicalRecord {
        guard case .object(let object)? = value else {
            throw invalid("operation for id '\(id)' needs an object \"\(name)\"")
        }
        let record: CanonicalRecord
        do {
            record = try CanonicalRecord(object: object, selection: selection)
        } catch {
            throw invalid("\"\(name)\" of id '\(id)': \(error.message)")
        }
        guard record.id.utf8.elementsEqual(id.utf8) else {
            throw invalid("\"\(name)\" has id '\(record.id)' but the operation's id is '\(id)'")
        }
        return record
    }

    private static func invalid(_ message: String) -> SyncError {
        SyncError(code: .invalidData, message: message)
    }
}
