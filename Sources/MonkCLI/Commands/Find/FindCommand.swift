import MonkClient
import MonkCommandLine
import MonkCore

/// `monk find MODEL [BODY]`: records matching a find body (API.md §3), built from flags or read from a file.
struct FindCommand: MonkCommand {
    static let spec = CommandSpec(
        "find",
        abstract: "Find records with a where filter, order and limit (POST /api/find).",
        discussion: """
            The body starts as BODY (a find document: select, where, order, limit, offset, trashed, count) \
            when given, and --where, --order and --limit replace its keys. Prints the matching records as a \
            JSON array; with --count only the number of matches. A body with "count": true prints \
            {"data": [...], "total": N}.
            """,
        arguments: [
            ArgumentSpec("MODEL", abstract: "The model's name."),
            ArgumentSpec(
                "BODY",
                abstract: "A find document: FILE, @FILE, - (standard input) or inline JSON.",
                cardinality: .optional,
                type: .file
            ),
        ],
        options: [
            QueryOptions.whereSpec, QueryOptions.orderSpec, QueryOptions.limitSpec,
            .flag("count", abstract: "Print only the number of matching records."),
        ] + ClientOptions.specs,
        examples: [
            Example(
                "monk find account --where '{\"balance\": {\"$gte\": 1000}}' --order 'balance desc' --limit 5",
                "The five accounts with the largest balances of at least 1000."
            )
        ]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let model = context.parsed.argument("MODEL") ?? ""
        var body = JSONObject()
        if let argument = context.parsed.argument("BODY") {
            body = try await InputSource(argument: argument).loadObject()
        }
        try QueryOptions(context.parsed).apply(to: &body)
        let countOnly = context.parsed.flag("count")
        if countOnly { body["count"] = true }
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        let output = OutputOptions(context)
        if countOnly {
            output.result(.number(JSONNumber(try await count(model, body, client: api.client))))
            return .success
        }
        let result = try await api.client.find(model, body)
        if let total = result.total {
            output.result(["data": .array(result.records), "total": .number(JSONNumber(total))])
        } else {
            output.result(.array(result.records))
        }
        return .success
    }

    /// The number of records `body` matches. `total` ignores `limit`, so no record is fetched unless the body
    /// set a limit of its own; a server that answers without `total` is asked again for the records themselves.
    private static func count(_ model: String, _ body: JSONObject, client: MonkAPIClient) async throws -> Int64 {
        var counting = body
        if counting.member("limit") == nil && counting.member("offset") == nil { counting["limit"] = 0 }
        let result = try await client.find(model, counting)
        if let total = result.total { return total }
        guard counting != body else { return Int64(result.records.count) }
        return Int64(try await client.find(model, body).records.count)
    }
}
