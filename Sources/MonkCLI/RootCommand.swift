import MonkCommandLine

/// The root of `monk`'s command table: global options, the command groups, and the man page's extra sections.
enum RootCommand {
    /// Options every command accepts, before or after its name.
    static let globalOptions: [OptionSpec] = [
        .flag("quiet", short: "q", abstract: "Print only results and errors; no progress or status messages."),
        .flag("verbose", short: "v", abstract: "Print more detail about what happens (repeat for more)."),
        .flag("json", abstract: "Print the result as one JSON object on standard output."),
        .flag("no-color", abstract: "Never colour output (also when NO_COLOR is set)."),
    ]

    /// The command tree. Each group lists its commands in the order `--help` shows them.
    static let table = CommandNode.group(
        CommandSpec(
            "monk",
            abstract: "Keep data in sync between monk API servers, tenants and local files.",
            discussion: """
                monk compares and moves records between endpoints: a model on a server \
                ([server:]tenant:model), a local directory, a JSONL file, an extract ZIP or a snapshot SQLite \
                file. Differences are computed locally, written as reviewable JSON patch files, and applied \
                through the server's bulk API. `monk serve` hosts the same API on an embedded SQLite database.

                Results go to standard output and messages to standard error, so monk composes in shell \
                scripts and cron jobs; see EXIT STATUS for what each exit code means.
                """,
            options: globalOptions
        ),
        [
            .command(ServeCommand.self),
            .group(
                CommandSpec("sync", abstract: "Compare endpoints, apply patches, and pull, push or copy records."),
                [
                    .command(SyncDiffCommand.self), .command(SyncPatchCommand.self), .command(SyncPullCommand.self),
                    .command(SyncPushCommand.self), .command(SyncCopyCommand.self),
                ]
            ),
            ConfigGroup.node,
            AuthGroup.node,
            DataGroup.node,
            .command(FindCommand.self),
            DescribeGroup.node,
            .command(BulkCommand.self),
            .command(AggregateCommand.self),
            .command(CompletionsCommand.self),
            .command(ManCommand.self),
        ]
    )

    /// The whole program description: parsing, help, completions and the man page all come from it.
    static let program = Program(
        name: "monk",
        version: MonkCLI.version,
        root: table.spec,
        manualSections: [
            (
                "Exit Status",
                ExitStatus.all.map { .item(term: "\($0.code)", description: $0.meaning) }
            ),
            (
                "Environment",
                [
                    .item(
                        term: "MONK_CLI_CONFIG_DIR",
                        description: "Directory of config.json (servers and sessions); overrides the default."
                    ),
                    .item(
                        term: "XDG_CONFIG_HOME",
                        description: "When MONK_CLI_CONFIG_DIR is unset, config lives in $XDG_CONFIG_HOME/monk, "
                            + "else in ~/.config/monk."
                    ),
                    .item(term: "MONK_API_BASE_URL", description: "Server URL for one run, instead of the config."),
                    .item(term: "MONK_API_TOKEN", description: "Bearer token for one run; never printed."),
                    .item(term: "NO_COLOR", description: "When set and not empty, output is never coloured."),
                ]
            ),
            (
                "See Also",
                [.paragraph("The design, wire contract and patch format are documented in the monk repository.")]
            ),
        ]
    )

    /// Runnable commands by path (`"sync diff"`).
    static let handlers: [String: any MonkCommand.Type] = {
        guard case .group(_, let children) = table else { return [:] }
        return children.reduce(into: [:]) { result, child in
            result.merge(child.handlers(prefix: [])) { first, _ in first }
        }
    }()
}
