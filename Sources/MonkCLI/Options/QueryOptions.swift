import MonkCommandLine
import MonkCore

/// The record-selection flags of `data list`, `find` and `aggregate`: `--where JSON`, `--order SPEC`…,
/// `--limit N`, checked and turned into the body keys of API.md §3.1.
///
/// ```swift
/// let query = try QueryOptions(context.parsed)
/// var body = JSONObject()
/// query.apply(to: &body)          // adds where, order, limit when given
/// ```
struct QueryOptions: Sendable, Equatable {
    /// `--where`: a find `where` object (API.md §3.2).
    static let whereSpec = OptionSpec.value(
        "where",
        short: "w",
        valueName: "JSON",
        abstract: "Only records matching this where object, e.g. '{\"name\": {\"$ilike\": \"a%\"}}'."
    )
    /// `--limit`: at most N records.
    static let limitSpec = OptionSpec.value(
        "limit",
        short: "l",
        valueName: "N",
        type: .count,
        abstract: "At most N records."
    )
    /// `--order`: repeatable sort keys.
    static let orderSpec = OptionSpec.value(
        "order",
        valueName: "SPEC",
        abstract: "Sort by a field, e.g. 'name desc' (repeat for more keys; default: id).",
        isRepeatable: true
    )

    var whereObject: JSONObject?
    var order: [String]
    var limit: Int?

    init(whereObject: JSONObject? = nil, order: [String] = [], limit: Int? = nil) {
        self.whereObject = whereObject
        self.order = order
        self.limit = limit
    }

    /// Reads whichever of the three options the command declares.
    ///
    /// - Throws: ``UsageError`` when `--where` is not a JSON object.
    init(_ parsed: ParsedCommand) throws(UsageError) {
        let declared = Set(parsed.availableOptions.map(\.long))
        var whereObject: JSONObject?
        if declared.contains("where"), let text = parsed.value("where") {
            whereObject = try Self.object(text, option: "where", commandPath: parsed.path)
        }
        self.init(
            whereObject: whereObject,
            order: declared.contains("order") ? parsed.values("order") : [],
            limit: declared.contains("limit") ? parsed.integer("limit") : nil
        )
    }

    /// Adds `where`, `order` and `limit` to a find or aggregate body; given options replace the body's keys.
    func apply(to body: inout JSONObject, includeOrderAndLimit: Bool = true) {
        if let whereObject { body["where"] = .object(whereObject) }
        guard includeOrderAndLimit else { return }
        if !order.isEmpty { body["order"] = .array(order.map(JSONValue.string)) }
        if let limit { body["limit"] = .number(JSONNumber(limit)) }
    }

    /// Parses an option's value as a JSON object.
    ///
    /// - Throws: ``UsageError`` naming the option and the parser's complaint.
    static func object(_ text: String, option: String, commandPath: [String]) throws(UsageError) -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw UsageError("--\(option) is not valid JSON: \(error)", commandPath: commandPath)
        }
        guard case .object(let object) = value else {
            throw UsageError("--\(option) must be a JSON object, not \(value.typeName)", commandPath: commandPath)
        }
        return object
    }
}
