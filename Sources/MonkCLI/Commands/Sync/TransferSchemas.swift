import MonkArchive
import MonkClient
import MonkCore
import MonkSync

/// `describe.yaml` for `sync pull --include-schemas` and `sync push --create-models` (DESIGN.md §8): the
/// models' definitions in the `POST /api/describe` shape (API.md §5.4), `models: [...]`.
enum TransferSchemas {
    /// Keys of a described model or field the server maintains, left out of `describe.yaml`.
    static let serverKeys: Set<String> = [
        "id", "created_at", "updated_at", "trashed_at", "deleted_at", "access_read", "access_edit", "access_full",
        "access_deny", "model_id", "status",
    ]

    /// The YAML text describing `models` on the server `client` talks to.
    ///
    /// - Throws: ``TransportError`` (an unknown model is 404, exit 3).
    static func describe(_ models: [String], client: MonkAPIClient) async throws -> [UInt8] {
        Array(YAMLWriter.encode(["models": .array(try await definitions(models, client: client))]).utf8)
    }

    /// The definitions of `models` on the server `client` talks to, without the keys the server maintains,
    /// each renamed to `renaming[name]` when given (a copy into a model of another name).
    ///
    /// - Throws: ``TransportError`` (an unknown model is 404, exit 3).
    static func definitions(
        _ models: [String],
        client: MonkAPIClient,
        renaming: [String: String] = [:]
    ) async throws -> [JSONValue] {
        var entries: [JSONValue] = []
        for model in models {
            let name = renaming[model] ?? model
            var object = strip(try await client.model(model, includeFields: true))
            object["model_name"] = .string(name)
            if case .array(let fields)? = object["fields"] {
                object["fields"] = .array(
                    fields.map { field in
                        guard var member = field.objectValue.map(strip) else { return field }
                        if member["model_name"] != nil { member["model_name"] = .string(name) }
                        return .object(member)
                    }
                )
            }
            entries.append(.object(object))
        }
        return entries
    }

    /// Creates the models of `yaml` the server lacks, and the fields its existing models lack.
    ///
    /// - Parameter source: the file's name for messages (`backup/describe.yaml`).
    /// - Returns: how many models and fields were created.
    /// - Throws: ``ArchiveError`` (exit 7) for malformed YAML or a document without `models`;
    ///   ``TransportError`` for what the server refuses.
    static func createMissing(from yaml: [UInt8], source: String, client: MonkAPIClient) async throws -> (
        models: Int, fields: Int
    ) {
        guard case .array(let models)? = try YAMLReader.parse(yaml, source: source)["models"] else {
            throw ArchiveError(code: .invalidData, message: "\(source): expected a `models:` list")
        }
        return try await createMissing(models, client: client)
    }

    /// Creates the models of `models` (definitions as ``definitions(_:client:renaming:)`` gives them) that the
    /// server lacks, and the fields its existing models lack.
    ///
    /// - Returns: how many models and fields were created.
    /// - Throws: ``TransportError`` for what the server refuses.
    static func createMissing(_ models: [JSONValue], client: MonkAPIClient) async throws -> (models: Int, fields: Int) {
        let result = try await client.createModels(models, skipExisting: true)
        let created = result["created"]?.arrayValue?.count ?? 0
        var fieldCount = 0
        for skipped in result["skipped"]?.arrayValue ?? [] {
            guard let name = skipped.stringValue ?? skipped["model_name"]?.stringValue,
                let wanted = models.first(where: { $0["model_name"]?.stringValue == name })?["fields"]?.arrayValue
            else { continue }
            let existing = Set(try await client.fields(of: name).compactMap { $0["field_name"]?.stringValue })
            for field in wanted {
                guard let fieldName = field["field_name"]?.stringValue, !existing.contains(fieldName),
                    let body = field.objectValue
                else { continue }
                _ = try await client.createField(fieldName, of: name, body)
                fieldCount += 1
            }
        }
        return (created, fieldCount)
    }

    private static func strip(_ object: JSONObject) -> JSONObject {
        var result = object
        for key in serverKeys { _ = result.removeValue(forKey: key) }
        return result
    }
}
