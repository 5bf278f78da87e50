import MonkCommandLine

/// `monk man`: prints the man page (roff) generated from the command table.
struct ManCommand: MonkCommand {
    static let spec = CommandSpec(
        "man",
        abstract: "Print the monk(1) manual page in roff format.",
        discussion: "Read it with `monk man | man -l -`, or install it as monk.1 in a man directory.",
        examples: [Example("monk man > /usr/local/share/man/man1/monk.1", "Install the manual page.")]
    )

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        context.console.out(ManualRenderer(program: context.program).render())
        return .success
    }
}
