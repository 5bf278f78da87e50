import Foundation
import MonkCommandLine
import MonkCore
import MonkSync

/// The options that choose what `sync` commands compare: `--fields`, `--ignore-fields`,
/// `--compare-system-fields`, `-f/--filter` and `-s/--schema`.
enum SyncSelectionOptions {
    static let specs: [OptionSpec] = [
        .value(
            "fields",
            valueName: "LIST",
            abstract:
                "Compare only these fields (comma-separated, dotted paths such as address.city); id is always kept.",
            isRepeatable: true
        ),
        .value(
            "ignore-fields",
            valueName: "LIST",
            abstract: "Leave these fields out of the comparison (comma-separated, dotted paths, prefix*).",
            isRepeatable: true
        ),
        .flag(
            "compare-system-fields",
            abstract: "Also compare created_at, updated_at, trashed_at, deleted_at and access_* (ignored by default)."
        ),
        .value(
            "filter",
            short: "f",
            valueName: "JSON",
            abstract: #"Compare only records matching this where object, e.g. '{"status": "paid"}'."#
        ),
        .value(
            "schema",
            short: "s",
            valueName: "MODEL",
            abstract: "Compare only this model of a multi-model directory.",
            isRepeatable: true
        ),
    ]

    /// The field selection the options describe.
    static func selection(_ parsed: ParsedCommand) -> FieldSelection {
        let fields = list(parsed.values("fields"))
        return FieldSelection(
            fields: fields.isEmpty ? nil : fields,
            ignoreFields: list(parsed.values("ignore-fields")),
            compareSystemFields: parsed.flag("compare-system-fields")
        )
    }

    /// The `-f` filter, if given.
    static func filter(_ parsed: ParsedCommand) throws -> RecordFilter? {
        try parsed.value("filter").map { text throws(SyncError) in try RecordFilter(parsing: text) }
    }

    /// The models `-s` names, or `nil` for all.
    static func scope(_ parsed: ParsedCommand) -> [String]? {
        let models = list(parsed.values("schema"))
        return models.isEmpty ? nil : models
    }

    /// Comma-separated values, trimmed, without empties.
    private static func list(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
