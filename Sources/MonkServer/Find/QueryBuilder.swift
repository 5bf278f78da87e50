import MonkCore
import MonkStore

/// Parses find requests against a model's field types (MonkCore's ``FindRequest``) and turns them into the
/// store's ``RecordQuery``.
enum QueryBuilder {
    /// A find body (`POST /api/find`, bulk `filter`, sync filters) parsed for `model`.
    ///
    /// - Throws: the filter errors of API.md §3 as ``APIError``.
    static func find(body: JSONValue, model: ModelInfo) throws -> FindRequest {
        do {
            return try FindRequest(body: body, fieldTypes: model.definition.fieldTypes)
        } catch {
            throw APIError(error)
        }
    }

    /// `GET /api/data/:model` query parameters parsed for `model`.
    static func find(query: (String) -> String?, model: ModelInfo) throws -> FindRequest {
        do {
            return try FindRequest(
                where: query("where"),
                order: query("order"),
                select: query("select"),
                limit: query("limit"),
                offset: query("offset"),
                after: query("after"),
                fieldTypes: model.definition.fieldTypes,
                parseJSON: { text in try JSONParser.parse(Array(text.utf8)) }
            )
        } catch {
            throw APIError(error)
        }
    }

    /// The store query: compiled `where`, the caller's ACL visibility, order, page keys and trash scope.
    static func query(_ find: FindRequest, model: ModelInfo, caller: Caller, tx: TenantTransaction) -> RecordQuery {
        var query = RecordQuery()
        query.condition = tx.visibility(for: caller).and(WhereCompiler.compile(find.filter, model: model))
        query.order = (find.order?.keys ?? []).map {
            SortKey(field: $0.field, isDescending: $0.direction == .descending)
        }
        query.limit = find.limit
        query.offset = find.offset
        query.after = find.after
        query.trashed = find.trashed
        return query
    }

    /// Projects an array of record objects to `select` plus `id` (find's `select`).
    static func project(_ records: JSONValue, _ select: [String]) -> JSONValue {
        guard case .array(let items) = records else { return records }
        return .array(
            items.map { item in
                guard case .object(let object) = item else { return item }
                var projected = JSONObject()
                for key in select + ["id"] where object[key] != nil { projected[key] = object[key] }
                return .object(projected)
            }
        )
    }

    /// Whether `name` matches `^[a-zA-Z_][a-zA-Z0-9_]*$` (aliases, op ids).
    static func isName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(first >= 0x30 && first <= 0x39) else { return false }
        return name.utf8.allSatisfy(BulkReferences.isNameByte)
    }
}

extension APIError {
    /// The API answer for a MonkCore query error (same code and details).
    init(_ error: QueryError) {
        self.init(
            APIError.status(forCode: error.code.rawValue),
            error.code.rawValue,
            error.message,
            details: error.details
        )
    }

    /// The API answer for a MonkCore model definition error.
    init(_ error: ModelError) {
        self.init(
            APIError.status(forCode: error.code.rawValue),
            error.code.rawValue,
            error.message,
            details: error.details
        )
    }

    /// The API answer for any error a handler meets: API, store, MonkCore query and model errors keep their
    /// code; anything else is 500 `INTERNAL_ERROR`.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError: error
        case let error as StoreError: APIError(error)
        case let error as QueryError: APIError(error)
        case let error as ModelError: APIError(error)
        default: .internalError
        }
    }
}
