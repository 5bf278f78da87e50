/// Parsing the query parameters of `GET /api/data/:model` (API.md §2.6).
extension FindRequest {
    /// Builds a request from the list route's query parameters (each `nil` when absent).
    ///
    /// `where` and a JSON `order` (see ``OrderSpec/isJSONQueryParameter(_:)``) are decoded with `parseJSON`
    /// (the server's JSON parser); `select` is a comma list; `limit` and `offset` are decimal digits.
    ///
    /// ```swift
    /// let request = try FindRequest(
    ///     where: query["where"], order: query["order"], select: query["select"], limit: query["limit"],
    ///     offset: query["offset"], after: query["after"], fieldTypes: model.fieldTypes,
    ///     parseJSON: { try JSONParser.parse($0) })
    /// ```
    ///
    /// - Throws: ``QueryError``: `JSON_PARSE_ERROR` when `parseJSON` fails; `FILTER_INVALID_SELECT`,
    ///   `FILTER_INVALID_LIMIT`, `FILTER_INVALID_OFFSET`, `FILTER_INVALID_AFTER`, and the where and order codes.
    package init(
        where whereText: String?,
        order orderText: String?,
        select selectText: String?,
        limit limitText: String?,
        offset offsetText: String?,
        after afterText: String?,
        fieldTypes: [String: FieldType]? = nil,
        parseJSON: (String) throws -> JSONValue
    ) throws(QueryError) {
        func decode(_ text: String, _ name: String) throws(QueryError) -> JSONValue {
            do {
                return try parseJSON(text)
            } catch {
                throw QueryError(code: .jsonParseError, message: "\(name) is not valid JSON")
            }
        }
        self.init()
        if let whereText, !whereText.isEmpty {
            filter = try WhereExpression(parsing: try decode(whereText, "where"), fieldTypes: fieldTypes)
        }
        if let orderText, !orderText.isEmpty {
            order =
                OrderSpec.isJSONQueryParameter(orderText)
                ? try OrderSpec(parsing: try decode(orderText, "order"), fieldTypes: fieldTypes)
                : try OrderSpec(queryParameter: orderText, fieldTypes: fieldTypes)
        }
        if let selectText, !selectText.isEmpty {
            let names = selectText.split(separator: ",", omittingEmptySubsequences: false).map { part in
                String(part.drop { $0 == " " }.dropLast(part.reversed().prefix { $0 == " " }.count))
            }
            select = try FindRequest.selection(names, fieldTypes)
        }
        limit = try limitText.map { (text) throws(QueryError) in
            try FindRequest.count(text, .filterInvalidLimit, "limit")
        }
        offset = try offsetText.map { (text) throws(QueryError) in
            try FindRequest.count(text, .filterInvalidOffset, "offset")
        }
        if let afterText { try setAfter(afterText) }
    }

    /// A non-negative integer written as decimal digits.
    private static func count(_ text: String, _ code: QueryError.Code, _ key: String) throws(QueryError) -> Int {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let value = Int(text)
        else { throw QueryError(code: code, message: "\(key) must be a non-negative integer") }
        return value
    }
}
