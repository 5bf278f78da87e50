import MonkCLI
import MonkTestSupport

/// The result of running one `monk` command line in process.
struct CLIResult {
    var status: ExitStatus
    var out: String
    var err: String
}

/// Runs `monk` with `arguments` in process, with an empty environment unless one is given.
func runMonk(_ arguments: [String], environment: [String: String] = [:]) async -> CLIResult {
    let capture = CapturedOutput()
    let status = await MonkCLI.run(arguments, environment: environment, console: capture.console)
    return CLIResult(status: status, out: capture.out, err: capture.err)
}
