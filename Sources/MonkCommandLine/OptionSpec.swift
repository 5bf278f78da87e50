/// A named option: a flag (`--dry-run`), an option with a value (`--format json`), or one whose value is
/// optional and attached with `=` (`--progress`, `--progress=json`).
package struct OptionSpec: Sendable {
    /// Whether the option takes a value.
    package enum Kind: Sendable, Equatable {
        /// Present or absent; `-v -v` counts.
        case flag
        /// Needs a value: `--name value`, `--name=value`, `-n value`, `-nvalue`.
        case value
        /// May carry a value, only as `--name=value`; alone it means `implicitValue`.
        case optionalValue(implicitValue: String)
    }

    /// The long name without dashes (`dry-run`); values are read back by this name.
    package var long: String
    /// The one-letter short name, if any.
    package var short: Character?
    package var kind: Kind
    /// The value's placeholder in usage (`N`, `FILE`, `FORMAT`).
    package var valueName: String
    package var type: ValueType
    package var abstract: String
    /// Whether the option may be given more than once, collecting every value.
    package var isRepeatable: Bool
    /// The value used when the option is absent (shown in help as `default: …`).
    package var defaultValue: String?
    /// An environment variable read when the option is absent, before the default.
    package var environment: String?
    /// Other long names accepted for this option and never shown.
    package var aliases: [String]
    /// Whether help, completions and the man page leave this option out.
    package var isHidden: Bool

    package init(
        long: String,
        short: Character? = nil,
        kind: Kind,
        valueName: String = "VALUE",
        type: ValueType = .string,
        abstract: String,
        isRepeatable: Bool = false,
        defaultValue: String? = nil,
        environment: String? = nil,
        aliases: [String] = [],
        isHidden: Bool = false
    ) {
        self.long = long
        self.short = short
        self.kind = kind
        self.valueName = valueName
        self.type = type
        self.abstract = abstract
        self.isRepeatable = isRepeatable
        self.defaultValue = defaultValue
        self.environment = environment
        self.aliases = aliases
        self.isHidden = isHidden
    }

    /// A flag such as `--dry-run` or `-q`.
    package static func flag(
        _ long: String,
        short: Character? = nil,
        abstract: String,
        aliases: [String] = [],
        isHidden: Bool = false
    ) -> OptionSpec {
        OptionSpec(long: long, short: short, kind: .flag, abstract: abstract, aliases: aliases, isHidden: isHidden)
    }

    /// An option that needs a value.
    package static func value(
        _ long: String,
        short: Character? = nil,
        valueName: String,
        type: ValueType = .string,
        abstract: String,
        isRepeatable: Bool = false,
        defaultValue: String? = nil,
        environment: String? = nil,
        aliases: [String] = [],
        isHidden: Bool = false
    ) -> OptionSpec {
        OptionSpec(
            long: long,
            short: short,
            kind: .value,
            valueName: valueName,
            type: type,
            abstract: abstract,
            isRepeatable: isRepeatable,
            defaultValue: defaultValue,
            environment: environment,
            aliases: aliases,
            isHidden: isHidden
        )
    }

    /// How the option is written in usage and help: `-f, --filter <JSON>`, `--progress[=<MODE>]`.
    package var synopsis: String {
        let names = (short.map { "-\($0), " } ?? "") + "--\(long)"
        switch kind {
        case .flag: return names
        case .value: return "\(names) <\(valueName)>"
        case .optionalValue: return "\(names)[=<\(valueName)>]"
        }
    }

    /// Whether `word` (without dashes) names this option.
    package func matches(long word: Substring) -> Bool {
        word == long || aliases.contains { word == $0 }
    }
}

/// The type of an option's value, checked while parsing so commands receive only valid values.
package enum ValueType: Sendable, Equatable {
    /// Any text.
    case string
    /// A whole number within the range.
    case integer(ClosedRange<Int>)
    /// One of a fixed list of words.
    case choice([String])
    /// A path to a file (completion offers files).
    case file
    /// A path to a directory (completion offers directories).
    case directory

    /// Any whole number of at least zero.
    package static let count = ValueType.integer(0...Int.max)

    /// What a shell offers when completing a value of this type.
    package var completion: Completion {
        switch self {
        case .string, .integer: .none
        case .choice(let words): .words(words)
        case .file: .file
        case .directory: .directory
        }
    }
}
