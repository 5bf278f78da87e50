/// Renders `--help` text and usage lines from the command table.
///
/// Output is plain text wrapped at `width` columns (80 by default, so golden files are stable); the CLI adds
/// colour, if any, on top.
package struct HelpRenderer: Sendable {
    package let program: Program
    package var width: Int

    package init(program: Program, width: Int = 80) {
        self.program = program
        self.width = width
    }

    /// The full help for the command at `path`: overview, usage, arguments, options, subcommands, discussion and
    /// examples. Returns `nil` when `path` names no command.
    package func help(for path: [String]) -> String? {
        guard let lineage = program.lineage(of: path) else { return nil }
        let node = lineage[lineage.count - 1]
        var out = ""
        out += wrap(node.abstract.isEmpty ? program.name : node.abstract, indent: 0) + "\n\n"
        out += "USAGE: " + usage(for: path, lineage: lineage) + "\n"
        if !node.arguments.isEmpty {
            out += "\nARGUMENTS:\n"
            out += table(node.arguments.map { ("<\($0.name)>", $0.abstract) })
        }
        let all = program.options(along: lineage).filter { !$0.isHidden }
        let ownNames = Set(node.options.map(\.long))
        let own = all.filter { ownNames.contains($0.long) || $0.long == "help" || $0.long == "version" }
        let inherited = all.filter { !ownNames.contains($0.long) && $0.long != "help" && $0.long != "version" }
        out += "\nOPTIONS:\n" + table(own.map { (aligned($0), optionText($0)) })
        if !inherited.isEmpty {
            out += "\nGLOBAL OPTIONS:\n" + table(inherited.map { (aligned($0), optionText($0)) })
        }
        if node.isGroup {
            out += "\nSUBCOMMANDS:\n" + table(node.visibleSubcommands.map { ($0.name, $0.abstract) })
        }
        if !node.discussion.isEmpty {
            out += "\n" + paragraphs(node.discussion, indent: 0)
        }
        if !node.examples.isEmpty {
            out += "\nEXAMPLES:\n"
            for example in node.examples {
                out += "  \(example.command)\n" + wrap(example.explanation, indent: 6) + "\n"
            }
        }
        if node.isGroup {
            let name = ([program.name, "help"] + path).joined(separator: " ")
            out += "\nSee `\(name) <subcommand>` for details on a subcommand.\n"
        }
        return out
    }

    /// One line such as `monk sync diff [<options>] <SRC> <DST>`.
    package func usage(for path: [String]) -> String {
        guard let lineage = program.lineage(of: path) else { return program.name }
        return usage(for: path, lineage: lineage)
    }

    private func usage(for path: [String], lineage: [CommandSpec]) -> String {
        let node = lineage[lineage.count - 1]
        var parts = [program.name] + path
        parts.append("[<options>]")
        if node.isGroup {
            parts.append("<subcommand>")
        }
        for argument in node.arguments {
            switch argument.cardinality {
            case .required: parts.append("<\(argument.name)>")
            case .optional: parts.append("[<\(argument.name)>]")
            case .repeating(let minimum):
                parts.append(minimum > 0 ? "<\(argument.name)> ..." : "[<\(argument.name)> ...]")
            }
        }
        return parts.joined(separator: " ")
    }

    /// The help text of an option, with its allowed values, default and environment variable.
    package func optionText(_ option: OptionSpec) -> String {
        var notes: [String] = []
        if case .choice(let words) = option.type { notes.append("values: " + words.joined(separator: ", ")) }
        if let value = option.defaultValue { notes.append("default: \(value)") }
        if let variable = option.environment { notes.append("env: \(variable)") }
        if option.isRepeatable { notes.append("repeatable") }
        return notes.isEmpty ? option.abstract : "\(option.abstract) (\(notes.joined(separator: "; ")))"
    }

    // MARK: - Layout

    /// The option's synopsis, with long-only options indented so long names line up under `-x, --xyz`.
    private func aligned(_ option: OptionSpec) -> String {
        option.short == nil ? "    " + option.synopsis : option.synopsis
    }

    /// Two columns: terms at two spaces, descriptions aligned at column 28 (or on the next line if the term is
    /// longer).
    private func table(_ rows: [(String, String)]) -> String {
        let column = 28
        var out = ""
        for (term, text) in rows {
            let head = "  " + term
            if head.count + 2 <= column {
                let padded = head + String(repeating: " ", count: column - head.count)
                let body = wrap(text, indent: column)
                out += padded + body.dropFirst(column) + "\n"
            } else {
                out += head + "\n" + wrap(text, indent: column) + "\n"
            }
        }
        return out
    }

    /// Paragraphs separated by blank lines, each wrapped; lines that start with spaces are kept verbatim.
    private func paragraphs(_ text: String, indent: Int) -> String {
        var out = ""
        for block in text.split(separator: "\n\n", omittingEmptySubsequences: false) {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.contains(where: { $0.hasPrefix(" ") }) {
                out += lines.map { String(repeating: " ", count: indent) + $0 }.joined(separator: "\n") + "\n\n"
            } else {
                out += wrap(lines.joined(separator: " "), indent: indent) + "\n\n"
            }
        }
        return String(out.dropLast())
    }

    /// Wraps `text` to `width`, every line indented by `indent` spaces.
    package func wrap(_ text: String, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, pad.count + line.count + 1 + word.count > width {
                lines.append(pad + line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        lines.append(pad + line)
        return lines.joined(separator: "\n")
    }
}
