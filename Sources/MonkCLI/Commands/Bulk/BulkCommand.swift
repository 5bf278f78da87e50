import MonkArchive
import MonkClient
import MonkCommandLine
import MonkCore

/// `monk bulk [INPUT]`: sends a bulk request (API.md §6) and prints the per-operation results.
struct BulkCommand: MonkCommand {
    static let spec = CommandSpec(
        "bulk",
        abstract: "Run a bulk request: many operations, by default in one transaction (POST /api/bulk).",
        discussion: """
            INPUT is a bulk document {"operations": [...], "options": {...}} or a bare array of operations, \
            in JSON or YAML. Prints the operations with their results. Exits 6 when the server refuses the \
            request, or when any operation failed under "atomic": false.
            """,
        arguments: [DataCreateCommand.inputArgument],
        options: ClientOptions.specs,
        examples: [Example("monk bulk ops.json", "Run the operations in ops.json.")]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        let source = InputSource(argument: context.parsed.argument("INPUT"))
        let body: JSONObject
        switch try await source.load() {
        case .object(let object): body = object
        case .array(let operations): body = ["operations": .array(operations)]
        case let other:
            throw ArchiveError(
                code: .invalidData,
                message: "\(source.name): expected a bulk object or an array of operations, found \(other.typeName)"
            )
        }
        let api = try APIContext(context, options: ClientOptions(context.parsed), needsSession: true)
        let result = try await api.client.bulk(body)
        let output = OutputOptions(context)
        output.result(result)
        let statuses = result.arrayValue?.compactMap { $0["status"]?.stringValue } ?? []
        let failed = statuses.count { $0 == "failed" }
        guard failed == 0 else {
            output.failure("\(failed) of \(statuses.count) operation(s) failed")
            return .rejected
        }
        output.success("\(result.arrayValue?.count ?? 0) operation(s) completed")
        return .success
    }
}
