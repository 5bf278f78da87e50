/// Why a find, list or aggregate request (or a sync filter) was rejected, in API.md §0.8's vocabulary.
///
/// `code.rawValue` is the API `error_code`; every code here is a 400. The message is safe to show and names
/// the offending key, field or operator; `details` becomes the envelope's `data` (`field`, `operator`).
///
/// ```swift
/// do { _ = try WhereExpression(parsing: ["age": ["$foo": 1]]) }
/// catch { error.code == .filterUnsupportedOperator }   // true
/// ```
package struct QueryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An API error code; compare with the static members.
    package struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        package let rawValue: String
        package init(rawValue: String) { self.rawValue = rawValue }
        package var description: String { rawValue }

        package static let filterInvalidWhereType = Code(rawValue: "FILTER_INVALID_WHERE_TYPE")
        package static let filterInvalidFieldName = Code(rawValue: "FILTER_INVALID_FIELD_NAME")
        package static let filterInvalidFieldFormat = Code(rawValue: "FILTER_INVALID_FIELD_FORMAT")
        package static let filterUnsupportedOperator = Code(rawValue: "FILTER_UNSUPPORTED_OPERATOR")
        package static let filterUnsupportedLogicalOperator = Code(rawValue: "FILTER_UNSUPPORTED_LOGICAL_OPERATOR")
        package static let filterInvalidLogicalOperator = Code(rawValue: "FILTER_INVALID_LOGICAL_OPERATOR")
        package static let filterEmptyLogicalArray = Code(rawValue: "FILTER_EMPTY_LOGICAL_ARRAY")
        package static let filterInvalidLogicalCondition = Code(rawValue: "FILTER_INVALID_LOGICAL_CONDITION")
        package static let filterInvalidNotCondition = Code(rawValue: "FILTER_INVALID_NOT_CONDITION")
        package static let filterOperatorRequiresArray = Code(rawValue: "FILTER_OPERATOR_REQUIRES_ARRAY")
        package static let filterNullRequiresBoolean = Code(rawValue: "FILTER_NULL_REQUIRES_BOOLEAN")
        package static let filterExistsRequiresBoolean = Code(rawValue: "FILTER_EXISTS_REQUIRES_BOOLEAN")
        package static let filterBetweenRequiresArray = Code(rawValue: "FILTER_BETWEEN_REQUIRES_ARRAY")
        package static let filterInvalidSelect = Code(rawValue: "FILTER_INVALID_SELECT")
        package static let filterInvalidLimit = Code(rawValue: "FILTER_INVALID_LIMIT")
        package static let filterInvalidOffset = Code(rawValue: "FILTER_INVALID_OFFSET")
        package static let filterInvalidAfter = Code(rawValue: "FILTER_INVALID_AFTER")
        package static let filterInvalidOrderSpec = Code(rawValue: "FILTER_INVALID_ORDER_SPEC")
        package static let filterInvalidSortDirection = Code(rawValue: "FILTER_INVALID_SORT_DIRECTION")
        package static let filterEmptyOrderObject = Code(rawValue: "FILTER_EMPTY_ORDER_OBJECT")
        package static let filterInvalidAggregation = Code(rawValue: "FILTER_INVALID_AGGREGATION")
        package static let missingAggregation = Code(rawValue: "MISSING_AGGREGATION")
        /// Bad JSON in the `where` or `order` query parameter of a `GET`.
        package static let jsonParseError = Code(rawValue: "JSON_PARSE_ERROR")
        /// A malformed sync checksum or hashes request (ranges, segments, fields).
        package static let syncInvalidRequest = Code(rawValue: "SYNC_INVALID_REQUEST")
        /// Body not an object.
        package static let bodyNotObject = Code(rawValue: "BODY_NOT_OBJECT")
        /// Anything else (unknown body key, bad `trashed`, malformed LIKE or regex pattern); the message names it.
        package static let badRequest = Code(rawValue: "BAD_REQUEST")
    }

    package var code: Code
    package var message: String
    /// The envelope's `data`: `field` and `operator` where they apply.
    package var details: JSONObject

    package init(code: Code, message: String, details: JSONObject = JSONObject()) {
        self.code = code
        self.message = message
        self.details = details
    }

    package var description: String { "\(code): \(message)" }
}
