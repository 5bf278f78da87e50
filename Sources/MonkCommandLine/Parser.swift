/// Turns a program's arguments into a ``ParseOutcome`` using the program's command table.
///
/// Accepts `--opt value`, `--opt=value`, `-o value`, `-ovalue`, bundled short flags (`-qv`), `--` to end options,
/// global options before or after the subcommand, `-h/--help` at every level, `help <command…>` and `--version`.
/// A lone `-` is a positional argument (standard input or output).
///
/// ```swift
/// let outcome = try Parser(program: program).parse(["sync", "diff", "a", "b", "--format=json"], environment: [:])
/// ```
package struct Parser: Sendable {
    package let program: Program

    package init(program: Program) { self.program = program }

    /// Parses `arguments` (without the program name).
    ///
    /// When `-h/--help` appears before `--`, the outcome is help for the deepest command reached, even if the
    /// rest of the line has mistakes. Environment variables named by options fill absent values.
    ///
    /// - Throws: ``UsageError`` naming the unknown word or bad value, with a suggestion when one is close.
    package func parse(_ arguments: [String], environment: [String: String]) throws(UsageError) -> ParseOutcome {
        if arguments.first == "help" { return try helpOutcome(for: Array(arguments.dropFirst())) }
        var state = State(lineage: [program.root])
        var firstError: UsageError?
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            do {
                try consume(word, from: arguments, at: &index, into: &state)
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        let path = state.path
        if state.wantsHelp { return .help(path: path) }
        if let firstError { throw firstError }
        if state.wantsVersion && path.isEmpty { return .version }
        let node = state.lineage[state.lineage.count - 1]
        if node.isGroup {
            if path.isEmpty && state.optionValues.isEmpty { return .help(path: []) }
            let names = node.visibleSubcommands.map(\.name).joined(separator: ", ")
            throw UsageError(
                "\(commandName(path)) needs a subcommand: \(names)",
                suggestion: "run `\(commandName(path + ["--help"]))` to see what each does",
                commandPath: path
            )
        }
        return .run(try finish(state, environment: environment))
    }

    // MARK: - Word by word

    /// Where the parser is: the command chosen so far and what it has collected.
    struct State {
        var lineage: [CommandSpec]
        var optionValues: [String: [String]] = [:]
        var explicit: Set<String> = []
        var positionals: [String] = []
        var optionsEnded = false
        var wantsHelp = false
        var wantsVersion = false

        var path: [String] { lineage.dropFirst().map(\.name) }
        var node: CommandSpec { lineage[lineage.count - 1] }
    }

    private func consume(_ word: String, from arguments: [String], at index: inout Int, into state: inout State)
        throws(UsageError)
    {
        if state.optionsEnded || word == "-" || !word.hasPrefix("-") {
            try positional(word, into: &state)
        } else if word == "--" {
            state.optionsEnded = true
        } else if word.hasPrefix("--") {
            try longOption(word, from: arguments, at: &index, into: &state)
        } else {
            try shortOptions(word, from: arguments, at: &index, into: &state)
        }
    }

    private func positional(_ word: String, into state: inout State) throws(UsageError) {
        let node = state.node
        guard node.isGroup, state.positionals.isEmpty else {
            state.positionals.append(word)
            return
        }
        guard let child = node.subcommand(named: word) else {
            let names = node.visibleSubcommands.map(\.name)
            throw UsageError(
                "unknown command `\(word)` for `\(commandName(state.path))`",
                suggestion: Suggestions.nearest(to: word, among: names).map { "did you mean `\($0)`?" }
                    ?? "commands: \(names.joined(separator: ", "))",
                commandPath: state.path
            )
        }
        state.lineage.append(child)
    }

    private func longOption(_ word: String, from arguments: [String], at index: inout Int, into state: inout State)
        throws(UsageError)
    {
        let body = word.dropFirst(2)
        let name = body.prefix { $0 != "=" }
        let inlineValue: String? = name.count < body.count ? String(body.dropFirst(name.count + 1)) : nil
        let option = try lookup(long: name, in: state)
        switch option.kind {
        case .flag:
            if inlineValue != nil {
                throw UsageError("option `--\(option.long)` takes no value", commandPath: state.path)
            }
            try record(option, value: "", into: &state)
        case .optionalValue(let implicit):
            try record(option, value: inlineValue ?? implicit, into: &state)
        case .value:
            if let inlineValue {
                try record(option, value: inlineValue, into: &state)
            } else {
                try record(option, value: try nextValue(for: option, from: arguments, at: &index, state), into: &state)
            }
        }
    }

    private func shortOptions(_ word: String, from arguments: [String], at index: inout Int, into state: inout State)
        throws(UsageError)
    {
        var letters = Substring(word.dropFirst())
        while let letter = letters.first {
            letters = letters.dropFirst()
            let option = try lookup(short: letter, in: state)
            switch option.kind {
            case .flag, .optionalValue:
                try record(option, value: option.kind == .flag ? "" : implicitValue(of: option), into: &state)
            case .value:
                let value =
                    letters.isEmpty
                    ? try nextValue(for: option, from: arguments, at: &index, state) : String(letters)
                try record(option, value: value, into: &state)
                return
            }
        }
    }

    private func implicitValue(of option: OptionSpec) -> String {
        if case .optionalValue(let implicit) = option.kind { return implicit }
        return ""
    }

    private func nextValue(for option: OptionSpec, from arguments: [String], at index: inout Int, _ state: State)
        throws(UsageError) -> String
    {
        guard index < arguments.count else {
            throw UsageError(
                "option `--\(option.long)` needs a value <\(option.valueName)>",
                suggestion: allowedValues(option),
                commandPath: state.path
            )
        }
        index += 1
        return arguments[index - 1]
    }

    private func record(_ option: OptionSpec, value: String, into state: inout State) throws(UsageError) {
        if option.long == Program.helpOption.long {
            state.wantsHelp = true
            return
        }
        if option.long == Program.versionOption.long {
            state.wantsVersion = true
            return
        }
        if option.kind != .flag, !option.isRepeatable, state.explicit.contains(option.long) {
            throw UsageError("option `--\(option.long)` is given more than once", commandPath: state.path)
        }
        try validate(value, for: option, source: "option `--\(option.long)`", path: state.path)
        state.optionValues[option.long, default: []].append(value)
        state.explicit.insert(option.long)
    }
}
