import Foundation

/// The `monk` program: parses the command line, runs the command, and exits with its ``ExitStatus``.
public enum MonkCLI {
    /// The version `monk --version` prints and patch files record as their generator.
    package static let version = "0.1.0"

    /// Runs `monk` with `arguments` (including the program name) and exits the process with the result.
    public static func main(_ arguments: [String]) async -> Never {
        let rest = Array(arguments.dropFirst())
        if rest == ["--version"] {
            print("monk \(version)")
            exit(ExitStatus.success.code)
        }
        FileHandle.standardError.write(Data("monk: the command table is being built\n".utf8))
        exit(ExitStatus.usage.code)
    }
}
