extension Parser {
    // MARK: - Lookups

    /// The option spelled `--name` at the current command, or a usage error with the nearest spelling.
    func lookup(long name: Substring, in state: State) throws(UsageError) -> OptionSpec {
        let options = program.options(along: state.lineage)
        if let option = options.first(where: { $0.matches(long: name) }) { return option }
        let candidates = options.filter { !$0.isHidden }.map { "--\($0.long)" }
        throw UsageError(
            "unknown option `--\(name)` for `\(commandName(state.path))`",
            suggestion: Suggestions.nearest(to: "--\(name)", among: candidates).map { "did you mean `\($0)`?" }
                ?? "options here: \(candidates.joined(separator: ", "))",
            commandPath: state.path
        )
    }

    /// The option spelled `-x` at the current command, or a usage error.
    func lookup(short letter: Character, in state: State) throws(UsageError) -> OptionSpec {
        let options = program.options(along: state.lineage)
        if let option = options.first(where: { $0.short == letter }) { return option }
        let shorts = options.compactMap { $0.short.map { "-\($0)" } }.sorted()
        throw UsageError(
            "unknown option `-\(letter)` for `\(commandName(state.path))`",
            suggestion: shorts.isEmpty ? nil : "short options here: \(shorts.joined(separator: " "))",
            commandPath: state.path
        )
    }

    /// Checks `value` against the option's type.
    func validate(_ value: String, for option: OptionSpec, source: String, path: [String]) throws(UsageError) {
        try validate(value, as: option.type, source: source, path: path)
    }

    /// Checks `value` against `type`; `source` names where the value came from in the message.
    func validate(_ value: String, as type: ValueType, source: String, path: [String]) throws(UsageError) {
        switch type {
        case .string, .file, .directory:
            return
        case .integer(let range):
            guard let number = Int(value), range.contains(number) else {
                let bounds =
                    range.upperBound == Int.max
                    ? "a whole number of at least \(range.lowerBound)"
                    : "a whole number from \(range.lowerBound) to \(range.upperBound)"
                throw UsageError("\(source) needs \(bounds), not `\(value)`", commandPath: path)
            }
        case .choice(let words):
            guard words.contains(value) else {
                let hint = Suggestions.nearest(to: value, among: words).map { "did you mean `\($0)`? " } ?? ""
                throw UsageError(
                    "\(source) does not accept `\(value)`",
                    suggestion: hint + "allowed: \(words.joined(separator: ", "))",
                    commandPath: path
                )
            }
        }
    }

    /// `allowed: a, b, c` for a choice option, else `nil`.
    func allowedValues(_ option: OptionSpec) -> String? {
        if case .choice(let words) = option.type { return "allowed: \(words.joined(separator: ", "))" }
        return nil
    }

    /// `monk sync diff` for a path.
    func commandName(_ path: [String]) -> String {
        ([program.name] + path).joined(separator: " ")
    }

    // MARK: - Completing a parse

    /// `help sync diff`: help for that path, or an error naming the unknown word.
    func helpOutcome(for words: [String]) throws(UsageError) -> ParseOutcome {
        var path: [String] = []
        var node = program.root
        for word in words {
            guard let child = node.subcommand(named: word) else {
                let names = node.visibleSubcommands.map(\.name)
                throw UsageError(
                    "no help for `\(commandName(path + [word]))`: unknown command `\(word)`",
                    suggestion: Suggestions.nearest(to: word, among: names).map { "did you mean `\($0)`?" },
                    commandPath: path
                )
            }
            path.append(child.name)
            node = child
        }
        return .help(path: path)
    }

    /// Assigns positionals to arguments and fills absent options from the environment and defaults.
    func finish(_ state: State, environment: [String: String]) throws(UsageError) -> ParsedCommand {
        let node = state.node
        var values = state.optionValues
        for option in program.options(along: state.lineage) where values[option.long] == nil {
            if let variable = option.environment, let value = environment[variable], !value.isEmpty {
                try validate(value, for: option, source: "environment variable \(variable)", path: state.path)
                values[option.long] = [value]
            } else if let value = option.defaultValue {
                values[option.long] = [value]
            }
        }
        return ParsedCommand(
            path: state.path,
            spec: node,
            availableOptions: program.options(along: state.lineage),
            optionValues: values,
            argumentValues: try assign(state.positionals, to: node.arguments, path: state.path),
            explicitOptions: state.explicit
        )
    }

    /// Maps positional words onto the argument specs in order.
    private func assign(_ words: [String], to specs: [ArgumentSpec], path: [String]) throws(UsageError)
        -> [String: [String]]
    {
        var result: [String: [String]] = [:]
        var remaining = words[...]
        let requiredCount = specs.reduce(0) { count, spec in
            switch spec.cardinality {
            case .required: count + 1
            case .optional: count
            case .repeating(let minimum): count + minimum
            }
        }
        var optionalBudget = max(0, words.count - requiredCount)
        for spec in specs {
            switch spec.cardinality {
            case .required:
                guard let word = remaining.popFirst() else {
                    throw UsageError("missing argument <\(spec.name)>: \(spec.abstract)", commandPath: path)
                }
                result[spec.name] = [word]
            case .optional:
                if optionalBudget > 0, let word = remaining.popFirst() {
                    optionalBudget -= 1
                    result[spec.name] = [word]
                }

            case .repeating(let minimum):
                guard remaining.count >= minimum else {
                    throw UsageError(
                        "<\(spec.name)> needs at least \(minimum) value\(minimum == 1 ? "" : "s")",
                        commandPath: path
                    )
                }
                result[spec.name] = Array(remaining)
                remaining = []
            }
        }
        if let extra = remaining.first {
            throw UsageError("unexpected argument `\(extra)` for `\(commandName(path))`", commandPath: path)
        }
        for spec in specs {
            for word in result[spec.name] ?? [] {
                try validate(word, as: spec.type, source: "argument <\(spec.name)>", path: path)
            }
        }
        return result
    }
}
