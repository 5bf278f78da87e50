import MonkCommandLine

/// A small program with every kind of option and argument, used by the parser and renderer tests.
enum SampleProgram {
    static let program = Program(
        name: "tool",
        version: "9.9.9",
        root: CommandSpec(
            "tool",
            abstract: "A sample tool.",
            options: [
                .flag("quiet", short: "q", abstract: "Say less."),
                .flag("verbose", short: "v", abstract: "Say more."),
            ],
            subcommands: [
                CommandSpec(
                    "sync",
                    abstract: "Synchronise things.",
                    subcommands: [
                        CommandSpec(
                            "diff",
                            abstract: "Compare two endpoints.",
                            arguments: [
                                ArgumentSpec("SRC", abstract: "Source.", type: .file),
                                ArgumentSpec("DST", abstract: "Destination.", type: .file),
                            ],
                            options: [
                                .value(
                                    "format",
                                    valueName: "FORMAT",
                                    type: .choice(["summary", "json", "unified"]),
                                    abstract: "Output format.",
                                    defaultValue: "summary"
                                ),
                                .value("output", short: "o", valueName: "FILE", type: .file, abstract: "Patch file."),
                                .value(
                                    "schema",
                                    short: "s",
                                    valueName: "MODEL",
                                    abstract: "Only this model.",
                                    isRepeatable: true
                                ),
                                .value(
                                    "batch-size",
                                    valueName: "N",
                                    type: .integer(1...10_000),
                                    abstract: "Operations per request.",
                                    environment: "TOOL_BATCH_SIZE"
                                ),
                                .flag("dry-run", short: "n", abstract: "Change nothing.", aliases: ["dryrun"]),
                                OptionSpec(
                                    long: "progress",
                                    kind: .optionalValue(implicitValue: "bar"),
                                    valueName: "MODE",
                                    type: .choice(["bar", "json"]),
                                    abstract: "Show progress."
                                ),
                            ],
                            aliases: ["compare"],
                            examples: [Example("tool sync diff a b", "Compare a with b.")]
                        ),
                        CommandSpec(
                            "push",
                            abstract: "Push files.",
                            arguments: [
                                ArgumentSpec(
                                    "FILES",
                                    abstract: "Files.",
                                    cardinality: .repeating(minimum: 1),
                                    type: .file
                                )
                            ]
                        ),
                    ]
                ),
                CommandSpec(
                    "get",
                    abstract: "Get a record.",
                    arguments: [
                        ArgumentSpec("ID", abstract: "Record id."),
                        ArgumentSpec("FIELD", abstract: "Field.", cardinality: .optional),
                    ]
                ),
            ]
        )
    )

    /// Parses `words` and returns the command, failing the test on any other outcome.
    static func run(_ words: [String], environment: [String: String] = [:]) throws -> ParsedCommand {
        let outcome = try Parser(program: program).parse(words, environment: environment)
        guard case .run(let parsed) = outcome else { throw UsageError("not a run: \(outcome)", commandPath: []) }
        return parsed
    }

    /// The usage error `words` produce, or `nil` if they parse.
    static func error(_ words: [String]) -> UsageError? {
        do {
            _ = try Parser(program: program).parse(words, environment: [:])
            return nil
        } catch {
            return error
        }
    }
}
