import MonkCommandLine
import MonkSync

/// The flags `sync pull`, `push` and `copy` share (DESIGN.md §13): strategy, dry run, confirmation, safety
/// guards, concurrency and progress, read once into values.
///
/// ```swift
/// static let spec = CommandSpec("copy", …, options: TransferOptions.strategySpecs + TransferOptions.specs)
/// let options = try TransferOptions(context.parsed)
/// ```
struct TransferOptions: Sendable {
    /// `--strategy` and its `--merge` alias, for the commands that choose one (push, copy).
    static let strategySpecs: [OptionSpec] = [
        .value(
            "strategy",
            valueName: "STRATEGY",
            type: .choice(TransferStrategy.allCases.map(\.rawValue)),
            abstract: "replace makes DST equal to SRC (deletes too); merge updates and inserts, never deletes; "
                + "skip-existing inserts only ids DST lacks.",
            defaultValue: TransferStrategy.replace.rawValue
        ),
        .flag("merge", abstract: "Short for --strategy merge."),
    ]

    /// The flags every transfer command takes.
    static let specs: [OptionSpec] =
        [
            .flag("dry-run", abstract: "Print exactly what a real run would apply; change nothing."),
            .flag(
                "diff-first",
                abstract: "Show what would change and ask before applying it (needs --yes off a terminal)."
            ),
            .flag("yes", short: "y", abstract: "Answer yes to --diff-first's question (for scripts)."),
            .value(
                "max-delete",
                valueName: "N|P%",
                abstract: "Stop (exit 8, nothing changed) when the run would delete more than N records or P% of DST.",
                defaultValue: DeleteLimit.standard.description
            ),
            .flag(
                "allow-empty-source",
                abstract: "Sync even when SRC holds no records (by default that stops the run)."
            ),
            .value(
                "concurrency",
                valueName: "N",
                type: .integer(1...64),
                abstract: "Models transferred at once.",
                defaultValue: "4"
            ),
            .value(
                "batch-size",
                valueName: "N",
                type: .integer(1...10_000),
                abstract: "Operations per bulk request to a server; each committed batch survives an interruption.",
                defaultValue: "500"
            ),
            OptionSpec(
                long: "progress",
                kind: .optionalValue(implicitValue: "bar"),
                valueName: "MODE",
                type: .choice(["bar", "json", "none"]),
                abstract: "Show progress: a bar (default on a terminal) or JSON lines on standard error (json)."
            ),
        ] + SyncConnections.specs

    var strategy: TransferStrategy
    var isDryRun: Bool
    var diffFirst: Bool
    var assumeYes: Bool
    var safety: SafetyGuard
    var concurrency: Int
    var batchSize: Int
    var progress: ProgressMode

    /// Reads the flags of a parsed transfer command.
    ///
    /// - Parameters:
    ///   - isTerminal: whether standard error is a terminal (progress bar by default).
    ///   - fixedStrategy: the strategy of a command without ``strategySpecs`` (pull always mirrors).
    /// - Throws: ``SyncError`` `.invalidArgument` (exit 2) for a malformed `--max-delete`.
    init(_ parsed: ParsedCommand, isTerminal: Bool, fixedStrategy: TransferStrategy? = nil) throws {
        if let fixedStrategy {
            strategy = fixedStrategy
        } else {
            let named = parsed.value("strategy").flatMap(TransferStrategy.init(rawValue:)) ?? .replace
            strategy = parsed.flag("merge") ? .merge : named
        }
        isDryRun = parsed.flag("dry-run")
        diffFirst = parsed.flag("diff-first")
        assumeYes = parsed.flag("yes")
        let limit = try parsed.value("max-delete").map { text throws(SyncError) in try DeleteLimit(parsing: text) }
        safety = SafetyGuard(deleteLimit: limit ?? .standard, allowsEmptySource: parsed.flag("allow-empty-source"))
        concurrency = parsed.integer("concurrency") ?? 4
        batchSize = parsed.integer("batch-size") ?? 500
        progress =
            ProgressMode.resolve(flag: parsed.value("progress"), isTerminal: isTerminal, isQuiet: parsed.flag("quiet"))
            ?? .none
    }
}
