/// A whole command-line program: its name, version, command tree and man-page extras.
///
/// The root ``CommandSpec``'s options are global: they may appear before or after any subcommand. The parser
/// adds `-h/--help` everywhere and `--version` at the root, so tables do not declare them.
package struct Program: Sendable {
    /// The executable's name (`monk`).
    package var name: String
    package var version: String
    /// The root of the tree; its `name` is ignored in favour of `name`.
    package var root: CommandSpec
    /// Extra man-page sections after the commands, e.g. EXIT STATUS and ENVIRONMENT, as (heading, paragraphs).
    package var manualSections: [(heading: String, body: [ManualBlock])]

    package init(
        name: String,
        version: String,
        root: CommandSpec,
        manualSections: [(heading: String, body: [ManualBlock])] = []
    ) {
        self.name = name
        self.version = version
        self.root = root
        self.manualSections = manualSections
    }

    /// The options the parser provides itself.
    static let helpOption = OptionSpec.flag("help", short: "h", abstract: "Show help for this command.")
    static let versionOption = OptionSpec.flag("version", abstract: "Show the version and exit.")

    /// The command at `path` and every node above it (root first), or `nil` if the path names no command.
    package func lineage(of path: [String]) -> [CommandSpec]? {
        var nodes = [root]
        for word in path {
            guard let next = nodes[nodes.count - 1].subcommand(named: word) else { return nil }
            nodes.append(next)
        }
        return nodes
    }

    /// Options visible at the end of `lineage`: the node's own first, then inherited ones, then `--help`.
    package func options(along lineage: [CommandSpec]) -> [OptionSpec] {
        var seen = Set<String>()
        var result: [OptionSpec] = []
        for node in lineage.reversed() {
            for option in node.options where seen.insert(option.long).inserted {
                result.append(option)
            }
        }
        result.append(Program.helpOption)
        if lineage.count == 1 { result.append(Program.versionOption) }
        return result
    }

    /// Every runnable or group command with its path, depth first in table order (hidden ones left out).
    package func allCommands() -> [(path: [String], spec: CommandSpec)] {
        var result: [(path: [String], spec: CommandSpec)] = []
        func walk(_ node: CommandSpec, _ path: [String]) {
            for child in node.visibleSubcommands {
                result.append((path + [child.name], child))
                walk(child, path + [child.name])
            }
        }
        walk(root, [])
        return result
    }
}

/// A block of man-page text, rendered to roff by the manual renderer.
package enum ManualBlock: Sendable {
    /// A paragraph of plain text.
    case paragraph(String)
    /// A tagged entry: a term (such as an exit code) and its description.
    case item(term: String, description: String)
}
