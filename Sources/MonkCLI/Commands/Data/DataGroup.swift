import MonkCommandLine

/// `monk data …`: records of one model through the Data API (API.md §2), plus export and import.
enum DataGroup {
    /// The `MODEL` argument every data command takes first.
    static let modelArgument = ArgumentSpec("MODEL", abstract: "The model's name, e.g. account.")
    /// The `ID` argument of single-record commands.
    static let idArgument = ArgumentSpec("ID", abstract: "The record's id (a UUID).")
    /// `--stat`: keep the system timestamps in answers.
    static let statSpec = OptionSpec.flag(
        "stat",
        abstract: "Keep created_at, updated_at, trashed_at and deleted_at in the output."
    )

    /// The group's node in the command table.
    static let node = CommandNode.group(
        CommandSpec(
            "data",
            abstract: "List, read, create, update and delete records; export and import them.",
            discussion: """
                Results are printed as pretty JSON on standard output (one compact line with --json). Input \
                documents come from a FILE, @FILE, - (standard input) or an inline JSON argument; files ending \
                in .yaml or .yml are read as YAML.
                """
        ),
        [
            .command(DataListCommand.self),
            .command(DataGetCommand.self),
            .command(DataCreateCommand.self),
            .command(DataUpdateCommand.self),
            .command(DataDeleteCommand.self),
            .command(DataExportCommand.self),
            .command(DataImportCommand.self),
        ]
    )
}
