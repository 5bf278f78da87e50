import MonkCommandLine

/// `monk config …`: named servers and what the configuration holds (DESIGN.md §12).
enum ConfigGroup {
    /// The group's node in the command table.
    static let node = CommandNode.group(
        CommandSpec(
            "config",
            abstract: "Manage named servers and show the client configuration.",
            discussion: """
                The configuration lives in config.json (mode 0600) in $MONK_CLI_CONFIG_DIR, else \
                $XDG_CONFIG_HOME/monk, else ~/.config/monk. It holds named servers, the sessions of `monk auth` \
                and the current server and tenant. MONK_API_BASE_URL and MONK_API_TOKEN override them for one run.
                """
        ),
        [
            .group(
                CommandSpec("server", abstract: "Add, list, select, remove and ping named servers."),
                [
                    .command(ConfigServerAddCommand.self),
                    .command(ConfigServerListCommand.self),
                    .command(ConfigServerUseCommand.self),
                    .command(ConfigServerRemoveCommand.self),
                    .command(ConfigServerPingCommand.self),
                ]
            ),
            .command(ConfigShowCommand.self),
        ]
    )
}
