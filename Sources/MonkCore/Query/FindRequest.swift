/// A parsed find request: the body of `POST /api/find/:model` (API.md §3.1) or the query of
/// `GET /api/data/:model` (§2.6).
///
/// ```swift
/// let request = try FindRequest(body: body, fieldTypes: model.fieldTypes)
/// let sql = compile(request.filter, request.effectiveOrder, request.limit, request.offset, request.after)
/// ```
package struct FindRequest: Sendable, Hashable {
    /// Field names to return, `id` first and always present; `nil` for all fields (`["*"]` or absent).
    package var select: [String]?
    /// The `where` filter; ``WhereExpression/matchAll`` when absent.
    package var filter: WhereExpression
    /// The requested order, `nil` when absent (see ``effectiveOrder``).
    package var order: OrderSpec?
    package var limit: Int?
    package var offset: Int?
    /// Keyset start, a lowercase UUID: only records with `id > after`.
    package var after: String?
    package var trashed: TrashedScope
    /// `count` or `includeTotal`: also report the number of matches ignoring `limit`, `offset`, `after`.
    package var includesTotal: Bool

    /// A request for every live record in id order.
    package init() {
        filter = .matchAll
        trashed = .exclude
        includesTotal = false
    }

    /// The order to run: the requested one (or `id asc`) with the `id` tie-breaker appended.
    package var effectiveOrder: OrderSpec { (order ?? .idAscending).withIDTieBreaker() }

    /// The keys a find body may contain.
    package static let bodyKeys: Set<String> = [
        "select", "where", "order", "limit", "offset", "after", "trashed", "count", "includeTotal",
    ]

    /// Parses a find body. A key whose value is `null` counts as absent.
    ///
    /// - Parameters:
    ///   - body: the decoded JSON body (`{}` for an empty body).
    ///   - fieldTypes: the model's field types (system fields are added), or `nil` to accept any identifier.
    /// - Throws: ``QueryError``: `BODY_NOT_OBJECT`; `BAD_REQUEST` for an unknown key, a non-boolean
    ///   `count`/`includeTotal` or a bad `trashed`; `FILTER_INVALID_SELECT`, `FILTER_INVALID_LIMIT`,
    ///   `FILTER_INVALID_OFFSET`, `FILTER_INVALID_AFTER` (not a UUID, or an order other than `id asc`); every
    ///   code of ``WhereExpression/init(parsing:fieldTypes:)`` and ``OrderSpec/init(parsing:fieldTypes:)``.
    package init(body: JSONValue, fieldTypes: [String: FieldType]? = nil) throws(QueryError) {
        guard case .object(let object) = body else {
            throw QueryError(code: .bodyNotObject, message: "find body must be an object, not \(body.typeName)")
        }
        if let unknown = object.keys.first(where: { !FindRequest.bodyKeys.contains($0) }) {
            throw QueryError(code: .badRequest, message: "unknown find key '\(unknown)'")
        }
        func present(_ key: String) -> JSONValue? {
            guard let value = object.member(key), !value.isNull else { return nil }
            return value
        }
        self.init()
        if let value = present("select") { select = try FindRequest.selection(value, fieldTypes) }
        if let value = present("where") { filter = try WhereExpression(parsing: value, fieldTypes: fieldTypes) }
        if let value = present("order") { order = try OrderSpec(parsing: value, fieldTypes: fieldTypes) }
        limit = try present("limit").map { (value) throws(QueryError) in
            try FindRequest.count(value, .filterInvalidLimit, "limit")
        }
        offset = try present("offset").map { (value) throws(QueryError) in
            try FindRequest.count(value, .filterInvalidOffset, "offset")
        }
        trashed = try TrashedScope(bodyValue: object.member("trashed"))
        for key in ["count", "includeTotal"] {
            guard let value = present(key) else { continue }
            guard case .bool(let flag) = value else {
                throw QueryError(code: .badRequest, message: "\(key) must be true or false")
            }
            includesTotal = includesTotal || flag
        }
        if let value = present("after") {
            guard case .string(let text) = value else { throw FindRequest.invalidAfter("after must be an id string") }
            try setAfter(text)
        }
    }

    /// Checks and stores `after`, which needs a UUID and an order of `id asc` (or none).
    mutating func setAfter(_ text: String) throws(QueryError) {
        guard let id = UUIDText.canonical(text) else { throw FindRequest.invalidAfter("after must be a record id") }
        guard order?.isIDAscending ?? true else {
            throw FindRequest.invalidAfter("after needs the order to be absent or id asc")
        }
        after = id
    }

    /// `select` from a body: an array of field names, or `["*"]` for all.
    private static func selection(_ value: JSONValue, _ fieldTypes: [String: FieldType]?) throws(QueryError)
        -> [String]?
    {
        guard case .array(let items) = value, !items.isEmpty else {
            throw QueryError(code: .filterInvalidSelect, message: "select must be a non-empty array of field names")
        }
        var names: [String] = []
        for item in items {
            guard case .string(let name) = item else {
                throw QueryError(code: .filterInvalidSelect, message: "select items must be strings")
            }
            names.append(name)
        }
        return try selection(names, fieldTypes)
    }

    /// Checks field names for `select`; `nil` when one of them is `*`.
    static func selection(_ names: [String], _ fieldTypes: [String: FieldType]?) throws(QueryError) -> [String]? {
        if names.contains("*") { return nil }
        var result = [SystemField.id]
        for name in names {
            guard NameRules.isIdentifier(name) else {
                throw QueryError(
                    code: .filterInvalidSelect,
                    message: "select field '\(name)' must match ^[a-zA-Z_][a-zA-Z0-9_]*$",
                    details: ["field": .string(name)]
                )
            }
            if let fieldTypes, fieldTypes[name] == nil, !SystemField.contains(name) {
                throw QueryError(
                    code: .filterInvalidSelect,
                    message: "unknown select field '\(name)'",
                    details: ["field": .string(name)]
                )
            }
            if !result.contains(name) { result.append(name) }
        }
        return result
    }

    /// A non-negative integer (`limit`, `offset`).
    static func count(_ value: JSONValue, _ code: QueryError.Code, _ key: String) throws(QueryError) -> Int {
        guard case .number(let number) = value, let exact = number.int64Value, exact >= 0,
            let result = Int(exactly: exact)
        else { throw QueryError(code: code, message: "\(key) must be a non-negative integer") }
        return result
    }

    static func invalidAfter(_ message: String) -> QueryError {
        QueryError(code: .filterInvalidAfter, message: message)
    }
}
