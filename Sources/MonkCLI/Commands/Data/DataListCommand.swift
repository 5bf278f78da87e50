import MonkClient
import MonkCommandLine
import MonkCore

/// `monk data list MODEL`: live records, optionally filtered and limited.
struct DataListCommand: MonkCommand {
    static let spec = CommandSpec(
        "list",
        abstract: "Print the live records of a model as a JSON array, in id order.",
        discussion: "With --where the records are read through POST /api/find, which every server generation honours.",
        arguments: [DataGroup.modelArgument],
        options: [QueryOptions.whereSpec, QueryOptions.limitSpec, DataGroup.statSpec] + ClientOptions.specs,
        aliases: ["ls"],
        examples: [
            Example("monk data list account --where '{\"is_active\": true}' --limit 10", "First ten active accounts.")
        ]
    )

    /// System fields that `GET /api/data` leaves out without `?stat=true` and `?access=true` (API.md §0.7).
    static let strippedFields = [
        "created_at", "updated_at", "trashed_at", "deleted_at", "access_read", "access_edit", "access_full",
        "access_deny",
    ]

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let model = context.parsed.argument("MODEL") ?? ""
        let query = try QueryOptions(context.parsed)
        let isStat = context.parsed.flag("stat")
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        let records: [JSONValue]
        if query.whereObject != nil {
            var body: JSONObject = ["order": ["id asc"]]
            query.apply(to: &body)
            // Find answers are never stripped (API.md §3.1); strip them like the list route would.
            let removed = isStat ? strippedFields.filter { $0.hasPrefix("access_") } : strippedFields
            records = try await api.client.find(model, body).records.map { strip(removed, from: $0) }
        } else {
            let dataQuery = DataQuery(limit: query.limit, options: isStat ? [.stat] : [])
            records = try await api.client.listRecords(model, query: dataQuery)
        }
        OutputOptions(context).result(.array(records))
        return .success
    }

    /// `record` without the `fields` named.
    static func strip(_ fields: [String], from record: JSONValue) -> JSONValue {
        guard case .object(var object) = record else { return record }
        for field in fields { object.removeValue(forKey: field) }
        return .object(object)
    }
}
