import Foundation
import MonkCLI
import MonkTestSupport

/// The result of one in-process `monk` run.
struct SyncRunResult {
    var status: ExitStatus
    var out: String
    var err: String
}

/// Runs `monk` in process with paths relative to `dir` (arguments ending in .jsonl/.patch or starting with
/// `./` are made absolute, since tests never change the working directory).
func runSync(_ arguments: [String], in dir: URL, environment: [String: String] = [:]) async -> SyncRunResult {
    let absolute = arguments.map { argument -> String in
        let isPath =
            argument.hasSuffix(".jsonl") || argument.hasSuffix(".patch") || argument.hasPrefix("./")
            || argument.hasSuffix("/")
        return isPath && !argument.hasPrefix("/") ? dir.appendingPathComponent(argument).path : argument
    }
    let capture = CapturedOutput()
    let status = await MonkCLI.run(absolute, environment: environment, console: capture.console)
    let prefix = dir.path + "/"
    return SyncRunResult(
        status: status,
        out: capture.out.replacingOccurrences(of: prefix, with: ""),
        err: capture.err.replacingOccurrences(of: prefix, with: "")
    )
}
