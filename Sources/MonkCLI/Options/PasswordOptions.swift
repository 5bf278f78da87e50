import MonkCommandLine

/// How `auth register` and `auth login` get a password: `--password-stdin`, `--password VALUE` (with a
/// warning), or a no-echo prompt on the terminal.
///
/// The password is passed to the API client and nowhere else: never printed, logged or put in an error.
struct PasswordOptions: Sendable {
    /// Where the password comes from.
    enum Source: Sendable, Equatable {
        /// The first line of standard input (`--password-stdin`).
        case standardInput
        /// The command line (`--password VALUE`): visible in the process list and shell history.
        case argument(String)
        /// A prompt on the controlling terminal, with echo off.
        case prompt
    }

    /// The option specs, in the order `--help` shows them.
    static let specs: [OptionSpec] = [
        .flag("password-stdin", abstract: "Read the password from the first line of standard input."),
        .value(
            "password",
            valueName: "PASSWORD",
            abstract: "The password on the command line (others can see it; prefer --password-stdin)."
        ),
    ]

    let source: Source

    init(source: Source) { self.source = source }

    /// Reads the options; `--password-stdin` wins over `--password`, and without either the terminal is asked.
    init(_ parsed: ParsedCommand) {
        if parsed.flag("password-stdin") {
            source = .standardInput
        } else if let value = parsed.value("password") {
            source = .argument(value)
        } else {
            source = .prompt
        }
    }

    /// The password, read from its source.
    ///
    /// - Parameters:
    ///   - confirm: whether a terminal prompt asks twice and compares (registration).
    ///   - output: where the `--password` warning goes.
    ///   - commandPath: the command, for usage errors.
    /// - Throws: ``UsageError`` when the password is empty, the prompt's two answers differ, or no terminal
    ///   is available to ask on or it cannot be used.
    func read(confirm: Bool, output: OutputOptions, commandPath: [String]) async throws -> String {
        let password: String
        switch source {
        case .argument(let value):
            output.warning("--password is visible to other users and in shell history; prefer --password-stdin")
            password = value
        case .standardInput:
            password = try await OffPool.run { try Self.firstLineOfStandardInput() }
        case .prompt:
            guard Terminal.isAvailable else {
                throw UsageError(
                    "no password given, and standard input is not a terminal to ask on",
                    suggestion: "pipe it in with --password-stdin",
                    commandPath: commandPath
                )
            }
            password = try await OffPool.run { try Terminal.readSecret(prompt: "Password: ", commandPath: commandPath) }
            if confirm {
                let again = try await OffPool.run {
                    try Terminal.readSecret(prompt: "Repeat password: ", commandPath: commandPath)
                }
                guard again == password else {
                    throw UsageError("the two passwords differ", commandPath: commandPath)
                }
            }
        }
        guard !password.isEmpty else { throw UsageError("the password is empty", commandPath: commandPath) }
        return password
    }

    /// The first line of standard input, without its line break (blocking).
    private static func firstLineOfStandardInput() throws -> String {
        let bytes = try InputSource.standardInput.readBytes()
        let line = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false).first
        var text = String(decoding: line ?? [], as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}
