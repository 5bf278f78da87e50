/// A sort direction.
package enum SortDirection: String, Sendable, Hashable {
    case ascending = "asc"
    case descending = "desc"

    /// Reads `asc`, `desc`, `ascending` or `descending` in any case; `nil` otherwise.
    package init?(apiName: String) {
        switch apiName.lowercased() {
        case "asc", "ascending": self = .ascending
        case "desc", "descending": self = .descending
        default: return nil
        }
    }
}

/// One sort key.
package struct OrderKey: Sendable, Hashable {
    package var field: String
    package var direction: SortDirection

    package init(field: String, direction: SortDirection = .ascending) {
        self.field = field
        self.direction = direction
    }
}

/// A parsed `order` (API.md §3.4, §2.6): sort keys in priority order.
///
/// NULLs sort last ascending and first descending; text by code point (§0.4). Stores call
/// ``withIDTieBreaker()`` so every order is total.
///
/// ```swift
/// try OrderSpec(parsing: ["priority desc", ["field": "name", "sort": "ASC"]]).withIDTieBreaker().keys
/// // [priority desc, name asc, id asc]
/// try OrderSpec(queryParameter: "name desc,id")      // the GET comma-list form
/// ```
package struct OrderSpec: Sendable, Hashable {
    package var keys: [OrderKey]

    package init(keys: [OrderKey]) { self.keys = keys }

    /// `id asc`: `monk serve`'s default order, and the only order `after` allows.
    package static let idAscending = OrderSpec(keys: [OrderKey(field: SystemField.id)])

    /// This order with `id asc` appended unless `id` is already a key.
    package func withIDTieBreaker() -> OrderSpec {
        keys.contains { $0.field == SystemField.id } ? self : OrderSpec(keys: keys + OrderSpec.idAscending.keys)
    }

    /// Whether this is exactly `id asc` (what `after` requires; an empty order also qualifies).
    package var isIDAscending: Bool { keys.isEmpty || keys == OrderSpec.idAscending.keys }

    /// Whether a `GET` `order` parameter is JSON (starts with `[`, `{` or `"`) rather than a comma list;
    /// the caller parses JSON itself and passes the value to ``init(parsing:fieldTypes:)``.
    package static func isJSONQueryParameter(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        return first == UInt8(ascii: "[") || first == UInt8(ascii: "{") || first == UInt8(ascii: "\"")
    }

    /// Parses the `GET` comma-list form: `field [asc|desc]` items separated by commas (`order=name desc,id`).
    ///
    /// - Throws: ``QueryError`` as ``init(parsing:fieldTypes:)`` for each item; an empty item is
    ///   `FILTER_INVALID_ORDER_SPEC`.
    package init(queryParameter text: String, fieldTypes: [String: FieldType]? = nil) throws(QueryError) {
        var keys: [OrderKey] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            keys.append(try OrderSpec.key(fromString: String(item), fieldTypes))
        }
        self.init(keys: keys)
    }

    /// Parses any JSON form of §3.4, mixable inside an array: `"name"`, `"name desc"`, `["a desc", "b"]`,
    /// `{"name": "asc", "created_at": "desc"}` and `[{"field": "name", "sort": "desc"}]`.
    ///
    /// An object whose keys are `field` plus optionally `sort` (or `order`, `direction`) is the field form;
    /// any other object maps field names to directions. ``JSONObject`` keeps keys in UTF-8 byte order, not
    /// as written, so a map with several keys sorts by them in that order; use the array forms to choose the
    /// priority. With `fieldTypes`, unknown fields are rejected (system fields are always known).
    ///
    /// - Throws: ``QueryError`` `FILTER_INVALID_SORT_DIRECTION`, `FILTER_EMPTY_ORDER_OBJECT` (`{}`),
    ///   `FILTER_INVALID_FIELD_FORMAT`, `FILTER_INVALID_FIELD_NAME`, or `FILTER_INVALID_ORDER_SPEC` for any
    ///   other shape.
    package init(parsing value: JSONValue, fieldTypes: [String: FieldType]? = nil) throws(QueryError) {
        switch value {
        case .array(let items):
            var keys: [OrderKey] = []
            for item in items {
                if case .array = item { throw OrderSpec.invalid("nested arrays are not an order form") }
                keys.append(contentsOf: try OrderSpec(parsing: item, fieldTypes: fieldTypes).keys)
            }
            self.init(keys: keys)
        case .string(let text):
            self.init(keys: [try OrderSpec.key(fromString: text, fieldTypes)])
        case .object(let object):
            self.init(keys: try OrderSpec.keys(fromObject: object, fieldTypes))
        default:
            throw OrderSpec.invalid("order must be a string, an array or an object, not \(value.typeName)")
        }
    }

    /// `"name"` or `"name desc"`.
    private static func key(fromString text: String, _ fieldTypes: [String: FieldType]?) throws(QueryError)
        -> OrderKey
    {
        let words = text.split { $0 == " " || $0 == "\t" }
        guard (1...2).contains(words.count) else { throw invalid("'\(text)' is not 'field [asc|desc]'") }
        let direction = words.count == 2 ? try self.direction(String(words[1])) : .ascending
        return OrderKey(field: try checkedField(String(words[0]), fieldTypes), direction: direction)
    }

    private static func keys(fromObject object: JSONObject, _ fieldTypes: [String: FieldType]?) throws(QueryError)
        -> [OrderKey]
    {
        guard !object.isEmpty else {
            throw QueryError(code: .filterEmptyOrderObject, message: "order object must not be empty")
        }
        let directionKeys = ["sort", "order", "direction"]
        if case .string(let field)? = object.member("field"),
            object.keys.allSatisfy({ $0 == "field" || directionKeys.contains($0) })
        {
            var direction = SortDirection.ascending
            for key in directionKeys {
                guard let value = object.member(key) else { continue }
                guard case .string(let name) = value else { throw invalid("'\(key)' must be a string") }
                direction = try self.direction(name)
            }
            return [OrderKey(field: try checkedField(field, fieldTypes), direction: direction)]
        }
        var keys: [OrderKey] = []
        for (field, value) in object {
            guard case .string(let name) = value else {
                throw invalid("the direction of '\(field)' must be a string, not \(value.typeName)")
            }
            keys.append(OrderKey(field: try checkedField(field, fieldTypes), direction: try direction(name)))
        }
        return keys
    }

    private static func direction(_ name: String) throws(QueryError) -> SortDirection {
        guard let direction = SortDirection(apiName: name) else {
            throw QueryError(
                code: .filterInvalidSortDirection,
                message: "sort direction '\(name)' must be asc, desc, ascending or descending"
            )
        }
        return direction
    }

    private static func checkedField(_ name: String, _ fieldTypes: [String: FieldType]?) throws(QueryError)
        -> String
    {
        guard NameRules.isIdentifier(name) else {
            throw QueryError(
                code: .filterInvalidFieldFormat,
                message: "order field '\(name)' must match ^[a-zA-Z_][a-zA-Z0-9_]*$",
                details: ["field": .string(name)]
            )
        }
        if let fieldTypes, fieldTypes[name] == nil, !SystemField.contains(name) {
            throw QueryError(
                code: .filterInvalidFieldName,
                message: "unknown order field '\(name)'",
                details: ["field": .string(name)]
            )
        }
        return name
    }

    private static func invalid(_ message: String) -> QueryError {
        QueryError(code: .filterInvalidOrderSpec, message: message)
    }
}
