import MonkCommandLine

/// `monk describe …`: models and fields through the Describe API (API.md §5).
enum DescribeGroup {
    /// The `MODEL` argument of every describe command.
    static let modelArgument = ArgumentSpec("MODEL", abstract: "The model's name.")
    /// The `FIELD` argument of the field commands.
    static let fieldArgument = ArgumentSpec("FIELD", abstract: "The field's name.")

    /// The group's node in the command table.
    static let node = CommandNode.group(
        CommandSpec(
            "describe",
            abstract: "List, read, create, change and delete models and their fields.",
            discussion: """
                Reads need read access; every change needs sudo (a root user, or `monk auth sudo`). Model and \
                field documents may be JSON or YAML (files ending in .yaml or .yml).
                """
        ),
        [
            .command(DescribeListCommand.self),
            .command(DescribeGetCommand.self),
            .command(DescribeCreateCommand.self),
            .command(DescribeUpdateCommand.self),
            .command(DescribeDeleteCommand.self),
            .group(
                CommandSpec("fields", abstract: "List, read, create, change and delete the fields of a model."),
                [
                    .command(DescribeFieldsListCommand.self),
                    .command(DescribeFieldsGetCommand.self),
                    .command(DescribeFieldsCreateCommand.self),
                    .command(DescribeFieldsUpdateCommand.self),
                    .command(DescribeFieldsDeleteCommand.self),
                ]
            ),
        ]
    )
}
