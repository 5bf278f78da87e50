import MonkClient
import MonkCommandLine
import MonkCore

/// `monk aggregate MODEL`: counts, sums, averages, minimums and maximums (API.md §4.2).
struct AggregateCommand: MonkCommand {
    /// The aggregate functions a flag can ask for, with the flag's name.
    static let functions: [(flag: String, function: String)] = [
        ("sum", "$sum"), ("avg", "$avg"), ("min", "$min"), ("max", "$max"), ("distinct", "$distinct"),
    ]

    static let spec = CommandSpec(
        "aggregate",
        abstract: "Count, sum, average, minimum and maximum over matching records (POST /api/aggregate).",
        discussion: """
            Each function flag adds a result key: --count gives "count", --sum F gives "sum_F", and so on. \
            BODY (an aggregate document with where, aggregate, groupBy) is the starting point when given; \
            the flags add to it. Prints the result rows as a JSON array.
            """,
        arguments: [
            ArgumentSpec("MODEL", abstract: "The model's name."),
            ArgumentSpec(
                "BODY",
                abstract: "An aggregate document: FILE, @FILE, - (standard input) or inline JSON.",
                cardinality: .optional,
                type: .file
            ),
        ],
        options: [.flag("count", abstract: "Count the matching records.")]
            + functions.map { entry in
                OptionSpec.value(
                    entry.flag,
                    valueName: "F",
                    abstract: "The \(entry.function.dropFirst()) of field F (repeatable).",
                    isRepeatable: true
                )
            }
            + [
                .value(
                    "group-by",
                    valueName: "F",
                    abstract: "One result row per value of F (repeatable).",
                    isRepeatable: true
                ),
                QueryOptions.whereSpec,
            ] + ClientOptions.specs,
        examples: [
            Example(
                "monk aggregate account --count --sum balance --where '{\"is_active\": true}'",
                "How many active accounts there are and their total balance."
            )
        ]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let model = context.parsed.argument("MODEL") ?? ""
        var body = JSONObject()
        if let argument = context.parsed.argument("BODY") {
            body = try await InputSource(argument: argument).loadObject()
        }
        try QueryOptions(context.parsed).apply(to: &body, includeOrderAndLimit: false)
        var aggregate = body["aggregate"]?.objectValue ?? JSONObject()
        if context.parsed.flag("count") { aggregate["count"] = ["$count": "*"] }
        for entry in functions {
            for field in context.parsed.values(entry.flag) {
                aggregate["\(entry.flag)_\(field)"] = [entry.function: .string(field)]
            }
        }
        guard !aggregate.isEmpty else {
            throw UsageError(
                "nothing to compute",
                suggestion: "add --count, --sum F, --avg F, --min F, --max F or a BODY with \"aggregate\"",
                commandPath: context.parsed.path
            )
        }
        body["aggregate"] = .object(aggregate)
        let groups = context.parsed.values("group-by")
        if !groups.isEmpty { body["groupBy"] = .array(groups.map(JSONValue.string)) }
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        let rows = try await api.client.aggregate(model, body)
        OutputOptions(context).result(.array(rows))
        return .success
    }
}
