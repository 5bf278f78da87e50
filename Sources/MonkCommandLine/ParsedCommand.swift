/// A command line that parsed cleanly: which command, and the values of its options and arguments.
///
/// Values are already checked against their ``ValueType`` and filled from environment variables and defaults,
/// so a command reads them without further validation. Asking for an option or argument that the command's spec
/// does not declare is a programmer error and stops the program.
package struct ParsedCommand: Sendable {
    /// The words that selected the command, without the program name (`["sync", "diff"]`).
    package let path: [String]
    /// The selected command's spec.
    package let spec: CommandSpec
    /// Every option visible to the command: its own and its ancestors'.
    package let availableOptions: [OptionSpec]
    /// Option values by long name; a flag holds one empty string per occurrence.
    package let optionValues: [String: [String]]
    /// Positional values by argument name.
    package let argumentValues: [String: [String]]
    /// Long names of options the user typed (as opposed to environment or default values).
    package let explicitOptions: Set<String>

    package init(
        path: [String],
        spec: CommandSpec,
        availableOptions: [OptionSpec],
        optionValues: [String: [String]],
        argumentValues: [String: [String]],
        explicitOptions: Set<String>
    ) {
        self.path = path
        self.spec = spec
        self.availableOptions = availableOptions
        self.optionValues = optionValues
        self.argumentValues = argumentValues
        self.explicitOptions = explicitOptions
    }

    /// Whether the flag `long` was given (at least once).
    package func flag(_ long: String) -> Bool { count(long) > 0 }

    /// How often the flag `long` was given (`-vv` → 2).
    package func count(_ long: String) -> Int {
        requireOption(long)
        return optionValues[long]?.count ?? 0
    }

    /// The value of option `long` (the last one, for repeatable options), or `nil` when absent with no default.
    package func value(_ long: String) -> String? {
        requireOption(long)
        return optionValues[long]?.last
    }

    /// Every value of a repeatable option, in the order given.
    package func values(_ long: String) -> [String] {
        requireOption(long)
        return optionValues[long] ?? []
    }

    /// The value of an ``ValueType/integer(_:)`` option.
    package func integer(_ long: String) -> Int? {
        value(long).flatMap { Int($0) }
    }

    /// Whether the user typed option `long` (rather than it coming from the environment or a default).
    package func isExplicit(_ long: String) -> Bool { explicitOptions.contains(long) }

    /// The value of the positional argument `name`, or `nil` when an optional argument was left out.
    package func argument(_ name: String) -> String? { arguments(name).first }

    /// Every value of a repeating positional argument.
    package func arguments(_ name: String) -> [String] {
        precondition(spec.arguments.contains { $0.name == name }, "`\(name)` is not an argument of \(path)")
        return argumentValues[name] ?? []
    }

    private func requireOption(_ long: String) {
        precondition(availableOptions.contains { $0.long == long }, "`--\(long)` is not an option of \(path)")
    }
}

/// What the command line asks for.
package enum ParseOutcome: Sendable {
    /// Run this command.
    case run(ParsedCommand)
    /// Show help for the command at this path (`--help`, `-h`, `help …`, or a bare group).
    case help(path: [String])
    /// Show the program's version.
    case version
}
