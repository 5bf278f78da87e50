import Foundation
import MonkClient
import MonkCommandLine

/// The `monk` program: parses the command line, runs the command, and exits with its ``ExitStatus``.
public enum MonkCLI {
    /// The version `monk --version` prints and patch files record as their generator.
    package static let version = "0.1.0"

    /// Runs `monk` with the process's `arguments` (including the program name) and exits with the result.
    public static func main(_ arguments: [String]) async -> Never {
        // libcurl's global set-up must run before any thread exists. A failure is reported by the first command
        // that needs libcurl, since `CurlTransport.init` repeats the call; `--help` and the like still work.
        _ = try? CurlGlobal.initialize()
        let environment = ProcessInfo.processInfo.environment
        let console = Console.standard(environment: environment)
        let status = await run(Array(arguments.dropFirst()), environment: environment, console: console)
        exit(status.code)
    }

    /// Runs one command line (without the program name) and returns its exit status; what it prints goes to
    /// `console`. Tests call this directly.
    package static func run(_ arguments: [String], environment: [String: String], console: Console) async
        -> ExitStatus
    {
        let program = RootCommand.program
        let outcome: ParseOutcome
        do {
            outcome = try Parser(program: program).parse(arguments, environment: environment)
        } catch {
            report(error, console: console, program: program)
            return .usage
        }
        switch outcome {
        case .version:
            console.line("monk \(version)")
            return .success
        case .help(let path):
            console.out(HelpRenderer(program: program).help(for: path) ?? "")
            return .success
        case .run(let parsed):
            guard let command = RootCommand.handlers[parsed.path.joined(separator: " ")] else {
                // The parser only returns paths from the same table the handlers come from.
                preconditionFailure("no handler for \(parsed.path)")
            }
            let context = CommandContext(parsed: parsed, console: console, environment: environment, program: program)
            do {
                return try await command.run(context)
            } catch let error as UsageError {
                report(error, console: console, program: program)
                return .usage
            } catch {
                console.failure(ExitStatus.message(for: error))
                return ExitStatus.of(error)
            }
        }
    }

    /// Prints a usage error, its suggestion and the command's usage line on standard error.
    static func report(_ error: UsageError, console: Console, program: Program) {
        var text = "error: \(error.message)\n"
        if let suggestion = error.suggestion { text += "hint: \(suggestion)\n" }
        text += "usage: \(HelpRenderer(program: program).usage(for: error.commandPath))\n"
        let helpPath = ([program.name] + error.commandPath + ["--help"]).joined(separator: " ")
        text += "See `\(helpPath)` for more.\n"
        console.err(text)
    }
}
