/// One node of a program's command tree: a group (with subcommands) or a runnable command.
///
/// The table of `CommandSpec`s is the single source for parsing, `--help`, usage errors, shell completions and
/// the man page, so a command is described once and every surface agrees.
///
/// ```swift
/// let diff = CommandSpec(
///     "diff", abstract: "Compare two endpoints.",
///     arguments: [.init("SRC", abstract: "Source endpoint."), .init("DST", abstract: "Destination endpoint.")],
///     options: [.value("format", valueName: "FORMAT", type: .choice(["summary", "json"]), abstract: "Output format.")]
/// )
/// ```
package struct CommandSpec: Sendable {
    /// The word that selects this command (`diff`).
    package var name: String
    /// One sentence shown in lists and at the top of `--help`.
    package var abstract: String
    /// Paragraphs shown after the options in `--help` and in the man page (blank lines separate paragraphs).
    package var discussion: String
    /// Positional arguments, in order.
    package var arguments: [ArgumentSpec]
    /// Options of this command. Options of an ancestor are inherited (the root's are global).
    package var options: [OptionSpec]
    /// Child commands; a command with children is a group and takes no positional arguments.
    package var subcommands: [CommandSpec]
    /// Other words that select this command; accepted but never shown.
    package var aliases: [String]
    /// Command lines shown under EXAMPLES, each with a short explanation.
    package var examples: [Example]
    /// Whether help, completions and the man page leave this command out.
    package var isHidden: Bool

    package init(
        _ name: String,
        abstract: String,
        discussion: String = "",
        arguments: [ArgumentSpec] = [],
        options: [OptionSpec] = [],
        subcommands: [CommandSpec] = [],
        aliases: [String] = [],
        examples: [Example] = [],
        isHidden: Bool = false
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.arguments = arguments
        self.options = options
        self.subcommands = subcommands
        self.aliases = aliases
        self.examples = examples
        self.isHidden = isHidden
    }

    /// Whether this node only groups subcommands.
    package var isGroup: Bool { !subcommands.isEmpty }

    /// The visible subcommands, in table order.
    package var visibleSubcommands: [CommandSpec] { subcommands.filter { !$0.isHidden } }

    /// The child selected by `word` (its name or one of its aliases), if any.
    package func subcommand(named word: String) -> CommandSpec? {
        subcommands.first { $0.name == word || $0.aliases.contains(word) }
    }
}

/// A worked example for `--help` and the man page.
package struct Example: Sendable {
    /// The command line, without a prompt.
    package var command: String
    /// What it does.
    package var explanation: String

    package init(_ command: String, _ explanation: String) {
        self.command = command
        self.explanation = explanation
    }
}

/// A positional argument.
package struct ArgumentSpec: Sendable {
    /// How many words the argument takes.
    package enum Cardinality: Sendable, Equatable {
        /// Exactly one word.
        case required
        /// Zero or one word.
        case optional
        /// Any number of words, at least `minimum`; only the last argument may repeat.
        case repeating(minimum: Int)
    }

    /// The name shown in usage (`SRC`) and used to read the value.
    package var name: String
    package var abstract: String
    package var cardinality: Cardinality
    /// The type each word must have; it also decides what shells offer when completing the argument.
    package var type: ValueType

    package init(
        _ name: String,
        abstract: String,
        cardinality: Cardinality = .required,
        type: ValueType = .string
    ) {
        self.name = name
        self.abstract = abstract
        self.cardinality = cardinality
        self.type = type
    }

    /// What shells offer when completing this argument.
    package var completion: Completion { type.completion }
}

/// What a shell offers when completing a value.
package enum Completion: Sendable, Equatable {
    /// Nothing in particular.
    case none
    /// File and directory names.
    case file
    /// Directory names only.
    case directory
    /// A fixed list of words.
    case words([String])
}
