import MonkCommandLine

/// `monk auth …`: register tenants, log in and out, and manage the saved sessions (API.md §1).
enum AuthGroup {
    /// The group's node in the command table.
    static let node = CommandNode.group(
        CommandSpec(
            "auth",
            abstract: "Register tenants, log in and out, and manage sessions.",
            discussion: """
                A session is saved per server and tenant in config.json (mode 0600) and becomes the current \
                one. Tokens are never printed. Passwords are read from a prompt with echo off on a terminal, \
                or from standard input with --password-stdin.
                """
        ),
        [
            .command(AuthRegisterCommand.self),
            .command(AuthLoginCommand.self),
            .command(AuthLogoutCommand.self),
            .command(AuthListCommand.self),
            .command(AuthUseCommand.self),
            .command(AuthRefreshCommand.self),
            .command(AuthWhoamiCommand.self),
            .command(AuthSudoCommand.self),
        ]
    )
}
