/// What the shell completion renderers need from the command table, flattened per command path.
///
/// Each renderer walks the words typed so far to find the command path (skipping options), then completes
/// subcommands, options, option values (enum words or files) or positional arguments for that path.
struct CompletionModel {
    /// One command path and what can follow it.
    struct Node {
        /// `"sync diff"`, or `""` for the root.
        var path: String
        var subcommands: [(name: String, abstract: String)]
        var options: [OptionSpec]
        /// What positional arguments complete to: the first argument's completion, preferring files.
        var argumentCompletion: Completion

        /// Shell `case` arms on the previous word that complete an option's value (bash and zsh share the
        /// syntax; only the `case` header and the reply commands differ).
        func previousWordCases(header: String, reply: (Completion) -> String) -> String {
            let valued = options.filter { $0.kind == .value }
            guard !valued.isEmpty else { return "" }
            var out = header
            for option in valued {
                let spellings = option.valueSpellings.joined(separator: "|")
                out += "                \(spellings)) \(reply(option.valueCompletion ?? .none)) return ;;\n"
            }
            out += "            esac\n"
            return out
        }
    }

    var programName: String
    var nodes: [Node]
    /// `"parent/child"` pairs (`"/sync"`, `"sync/diff"`) that extend a command path.
    var transitions: [String]

    init(program: Program) {
        programName = program.name
        var nodes: [Node] = []
        var transitions: [String] = []
        func walk(_ lineage: [CommandSpec], _ path: [String]) {
            let node = lineage[lineage.count - 1]
            let joined = path.joined(separator: " ")
            let argumentCompletion =
                node.arguments.map(\.completion).first { $0 == .file }
                ?? node.arguments.map(\.completion).first { $0 != .none } ?? .none
            nodes.append(
                Node(
                    path: joined,
                    subcommands: node.visibleSubcommands.map { ($0.name, $0.abstract) },
                    options: program.options(along: lineage).filter { !$0.isHidden },
                    argumentCompletion: argumentCompletion
                )
            )
            for child in node.visibleSubcommands {
                transitions.append("\(joined)/\(child.name)")
                walk(lineage + [child], path + [child.name])
            }
        }
        walk([program.root], [])
        self.nodes = nodes
        self.transitions = transitions
    }

    /// The shell function name prefix, e.g. `_monk`.
    var functionName: String {
        "_" + programName.map { $0.isLetter || $0.isNumber ? $0 : "_" }.map(String.init).joined()
    }
}

extension OptionSpec {
    /// What completing this option's value offers, or `nil` for flags.
    var valueCompletion: Completion? {
        kind == .value ? type.completion : nil
    }

    /// Every spelling that takes a value in the next word (`-o`, `--output`), for "previous word" checks.
    var valueSpellings: [String] {
        guard kind == .value else { return [] }
        return (short.map { ["-\($0)"] } ?? []) + ["--\(long)"] + aliases.map { "--\($0)" }
    }
}

/// Quotes `text` for a single-quoted shell string.
func shellQuoted(_ text: String) -> String {
    "'" + text.replacingAll("'", with: "'\\''") + "'"
}

extension String {
    /// Every occurrence of `target` replaced; the standard library alone, since this module avoids Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
