import MonkCommandLine

/// `monk completions bash|zsh|fish`: prints a shell completion script generated from the command table.
struct CompletionsCommand: MonkCommand {
    static let spec = CommandSpec(
        "completions",
        abstract: "Print a shell completion script.",
        discussion: """
            The script completes commands, options, allowed option values and file names. Install it once:

              bash:  monk completions bash > /etc/bash_completion.d/monk
              zsh:   monk completions zsh > "${fpath[1]}/_monk"
              fish:  monk completions fish > ~/.config/fish/completions/monk.fish
            """,
        arguments: [
            ArgumentSpec(
                "SHELL",
                abstract: "The shell to complete for: bash, zsh or fish.",
                type: .choice(Shell.allCases.map(\.rawValue))
            )
        ]
    )

    /// The shells monk writes completion scripts for.
    enum Shell: String, CaseIterable {
        case bash, zsh, fish

        /// The script for this shell.
        func script(for program: Program) -> String {
            switch self {
            case .bash: BashCompletionRenderer(program: program).render()
            case .zsh: ZshCompletionRenderer(program: program).render()
            case .fish: FishCompletionRenderer(program: program).render()
            }
        }
    }

    static func run(_ context: CommandContext) async throws -> ExitStatus {
        // The parser has checked the word against the choices.
        let shell = context.parsed.argument("SHELL").flatMap(Shell.init(rawValue:)) ?? .bash
        context.console.out(shell.script(for: context.program))
        return .success
    }
}
