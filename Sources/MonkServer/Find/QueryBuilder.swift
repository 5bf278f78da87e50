import MonkCore
import MonkStore

/// Turns a ``FindRequest`` into the store's ``RecordQuery`` for one model and caller.
enum QueryBuilder {
    /// The query: compiled `where`, the caller's ACL visibility, order (checked against the model's fields),
    /// page keys and trash scope.
    ///
    /// - Throws: the filter errors of API.md §3 (`FILTER_INVALID_FIELD_NAME`, …).
    static func query(_ find: FindRequest, model: ModelInfo, caller: Caller, tx: TenantTransaction) throws
        -> RecordQuery
    {
        var query = RecordQuery()
        var condition = tx.visibility(for: caller)
        if let filter = find.filter { condition = condition.and(try WhereCompiler.compile(filter, model: model)) }
        query.condition = condition
        for key in find.order where model.field(key.field) == nil && !RecordCodec.isSystemField(key.field) {
            throw APIError(
                400,
                "FILTER_INVALID_FIELD_NAME",
                "unknown field '\(key.field)' in order",
                details: ["field": .string(key.field)]
            )
        }
        query.order = find.order
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
}
