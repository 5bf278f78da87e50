/// The filter keys shared by the sync endpoints (API.md §8): which records take part and which of their
/// fields are hashed.
///
/// ```swift
/// let filter = try SyncFilter(body: object, fieldTypes: model.fieldTypes)
/// let evaluator = WhereEvaluator(filter.filter, fieldTypes: model.fieldTypes)
/// ```
package struct SyncFilter: Sendable, Hashable {
    /// The `where` filter; ``WhereExpression/matchAll`` when absent.
    package var filter: WhereExpression
    package var trashed: TrashedScope
    /// `fields`: only these fields (plus `id`) are hashed; `nil` for all.
    package var fields: [String]?
    /// `ignore_fields`: removed before hashing, after `fields`.
    package var ignoreFields: [String]

    package init(
        filter: WhereExpression = .matchAll,
        trashed: TrashedScope = .exclude,
        fields: [String]? = nil,
        ignoreFields: [String] = []
    ) {
        self.filter = filter
        self.trashed = trashed
        self.fields = fields
        self.ignoreFields = ignoreFields
    }

    /// The keys every sync body may contain.
    package static let keys: Set<String> = ["where", "trashed", "fields", "ignore_fields"]

    /// Reads the filter keys of a sync body; `null` counts as absent. Keys outside ``keys`` and `extraKeys`
    /// are rejected.
    ///
    /// - Throws: ``QueryError``: `SYNC_INVALID_REQUEST` for an unknown key or a `fields`/`ignore_fields` that
    ///   is not an array of field names; `BAD_REQUEST` for a bad `trashed`; every where code.
    package init(body: JSONObject, extraKeys: Set<String> = [], fieldTypes: [String: FieldType]? = nil)
        throws(QueryError)
    {
        if let unknown = body.keys.first(where: { !SyncFilter.keys.contains($0) && !extraKeys.contains($0) }) {
            throw SyncFilter.invalid("unknown key '\(unknown)'")
        }
        self.init(trashed: try TrashedScope(bodyValue: body.member("trashed")))
        if let value = body.member("where"), !value.isNull {
            filter = try WhereExpression(parsing: value, fieldTypes: fieldTypes)
        }
        if let value = body.member("fields"), !value.isNull { fields = try SyncFilter.names(value, "fields") }
        if let value = body.member("ignore_fields"), !value.isNull {
            ignoreFields = try SyncFilter.names(value, "ignore_fields")
        }
    }

    private static func names(_ value: JSONValue, _ key: String) throws(QueryError) -> [String] {
        guard case .array(let items) = value else { throw invalid("\(key) must be an array of field names") }
        var names: [String] = []
        for item in items {
            guard case .string(let name) = item, NameRules.isIdentifier(name) else {
                throw invalid("\(key) must be an array of field names")
            }
            names.append(name)
        }
        return names
    }

    static func invalid(_ message: String) -> QueryError {
        QueryError(code: .syncInvalidRequest, message: message)
    }
}

/// A half-open id range `from < id ≤ to`; `nil` ends are unbounded (API.md §8).
package struct SyncRange: Sendable, Hashable {
    /// Exclusive lower bound, a lowercase UUID.
    package var from: String?
    /// Inclusive upper bound, a lowercase UUID.
    package var to: String?

    package init(from: String? = nil, to: String? = nil) {
        self.from = from
        self.to = to
    }

    /// Whether `id` (lowercase) lies in the range, comparing id text bytewise.
    package func contains(_ id: String) -> Bool {
        (from.map { JSONObject.precedes($0, id) } ?? true) && (to.map { !JSONObject.precedes($0, id) } ?? true)
    }

    /// Reads `{"from": id|null, "to": id|null}` (or the `from`/`to` keys of a hashes body).
    ///
    /// - Throws: ``QueryError`` `SYNC_INVALID_REQUEST` unless both ends are UUIDs or `null` and `from < to`.
    package init(from fromValue: JSONValue?, to toValue: JSONValue?) throws(QueryError) {
        func bound(_ value: JSONValue?, _ name: String) throws(QueryError) -> String? {
            switch value {
            case nil, .null?: return nil
            case .string(let text)?:
                guard let id = UUIDText.canonical(text) else { throw SyncFilter.invalid("\(name) must be a record id") }
                return id
            default: throw SyncFilter.invalid("\(name) must be a record id or null")
            }
        }
        self.init(from: try bound(fromValue, "from"), to: try bound(toValue, "to"))
        if let from, let to, !JSONObject.precedes(from, to) { throw SyncFilter.invalid("a range needs from < to") }
    }
}
