import MonkCommandLine

/// A `monk` command: its entry in the command table and what running it does.
///
/// A command reads as parse → call → render: its spec declares the words, `run` turns the parsed values into a
/// library call and renders the result through the context's console, returning the exit status.
package protocol MonkCommand: Sendable {
    /// The command's words, arguments, options and help.
    static var spec: CommandSpec { get }
    /// Runs the command; a thrown error is mapped to its exit status by ``ExitStatus/of(_:)``.
    static func run(_ context: CommandContext) async throws -> ExitStatus
}

/// What a running command gets: its parsed command line, the console, the environment, and the program table.
package struct CommandContext: Sendable {
    package let parsed: ParsedCommand
    package let console: Console
    package let environment: [String: String]
    package let program: Program
}

/// A node of the command table: a group of commands, or one command.
package indirect enum CommandNode: Sendable {
    case group(CommandSpec, [CommandNode])
    case command(any MonkCommand.Type)

    /// The spec of this node with its children attached.
    var spec: CommandSpec {
        switch self {
        case .group(var spec, let children):
            spec.subcommands = children.map(\.spec)
            return spec
        case .command(let type):
            return type.spec
        }
    }

    /// Every runnable command under this node, keyed by its path joined with spaces (`"sync diff"`).
    func handlers(prefix: [String]) -> [String: any MonkCommand.Type] {
        switch self {
        case .command(let type):
            return [(prefix + [type.spec.name]).joined(separator: " "): type]
        case .group(let spec, let children):
            let path = prefix + [spec.name]
            return children.reduce(into: [:]) { result, child in
                result.merge(child.handlers(prefix: path)) { first, _ in first }
            }
        }
    }
}
