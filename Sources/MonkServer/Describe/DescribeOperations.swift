import MonkCore
import MonkStore

/// The Describe API's writes as transaction steps, shared by the controller and fixtures (API.md §5).
enum DescribeOperations {
    /// Built-in system models that cannot be altered or deleted (403 `MODEL_PROTECTED`).
    static let protectedModels: Set<String> = [
        "models", "fields", "users", "filters", "extracts", "extract_runs", "restores", "restore_runs",
        "restore_logs",
    ]

    /// Creates several models at once (`POST /api/describe`, fixtures). Models may reference each other.
    ///
    /// - Returns: The created model objects (with `fields`) and the names skipped because they existed.
    /// - Throws: `MODEL_EXISTS` unless `skipExisting`, and every §5.1 error, with `data.model_index`.
    ///
    /// - Parameter trusted: The entries come from a built-in fixture, whose field names may be reserved words
    ///   (see ``ModelDefinition/init(decodingTrusted:)``).
    static func createModels(
        _ entries: [JSONObject],
        skipExisting: Bool,
        trusted: Bool = false,
        in tx: TenantTransaction,
        now: String
    ) throws -> (created: [JSONValue], skipped: [String]) {
        var models: [ModelInfo] = []
        for (index, entry) in entries.enumerated() {
            do {
                let definition =
                    trusted
                    ? try ModelDefinition(decodingTrusted: entry) : try ModelDefinition(decoding: .object(entry))
                models.append(ModelInfo(definition: definition))
            } catch {
                var apiError = APIError.from(error)
                apiError.details["model_index"] = .number(JSONNumber(index))
                throw apiError
            }
        }
        let names = Set(models.map(\.name))
        var created: [JSONValue] = []
        var skipped: [String] = []
        for (index, model) in models.enumerated() {
            do {
                if DescribeOperations.protectedModels.contains(model.name), try tx.model(named: model.name) != nil {
                    throw APIError(403, "MODEL_PROTECTED", "system model \(model.name) cannot be changed")
                }
                if try tx.model(named: model.name, includeTrashed: true) != nil, skipExisting {
                    skipped.append(model.name)
                    continue
                }
                for field in model.fields {
                    if let target = field.relatedModel, !names.contains(target), try tx.model(named: target) == nil {
                        throw APIError(
                            404,
                            "MODEL_NOT_FOUND",
                            "related_model '\(target)' does not exist",
                            details: ["model_name": .string(target)]
                        )
                    }
                }
                try tx.createModel(model, now: now)
                created.append(object(model, includeFields: true))
            } catch var error as APIError {
                error.details["model_index"] = .number(JSONNumber(index))
                throw error
            } catch var error as StoreError {
                error.details["model_index"] = .number(JSONNumber(index))
                throw error
            }
        }
        return (created, skipped)
    }

    /// A model as the Describe API returns it, optionally with its `fields` (ordered by name).
    static func object(_ model: ModelInfo, includeFields: Bool) -> JSONValue {
        var object = model.definition.apiObject()
        if includeFields { object["fields"] = .array(model.fields.map { .object($0.apiObject) }) }
        return .object(object)
    }
}
