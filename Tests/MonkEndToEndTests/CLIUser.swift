import Foundation
import MonkCore
import MonkTestSupport
import Synchronization
import Testing

/// One user's shell for end-to-end tests: an own config directory, an explicit environment, and a transcript
/// of everything the `monk` binary printed, so a test can check that no secret ever appeared.
final class CLIUser: Sendable {
    let configDirectory: URL
    let environment: [String: String]
    private let transcript = Mutex<[String]>([])

    init(configDirectory: URL, environment: [String: String] = [:]) {
        self.configDirectory = configDirectory
        var env = environment
        env["MONK_CLI_CONFIG_DIR"] = configDirectory.path
        env["NO_COLOR"] = "1"
        self.environment = env
    }

    /// Runs the binary with `arguments` (and `stdin`), keeping both output streams in the transcript.
    func monk(_ arguments: [String], stdin: String? = nil) async throws -> MonkProcess.Result {
        let result = try await MonkProcess.run(arguments, environment: environment, stdin: stdin)
        transcript.withLock { $0 += [result.stdout, result.stderr] }
        return result
    }

    /// Runs `monk` and expects exit status 0, recording stderr in the failure message otherwise.
    @discardableResult
    func succeed(
        _ arguments: [String],
        stdin: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> MonkProcess.Result {
        let result = try await monk(arguments, stdin: stdin)
        #expect(
            result.status == 0,
            "monk \(arguments.joined(separator: " ")): \(result.stderr)",
            sourceLocation: sourceLocation
        )
        return result
    }

    /// Everything printed so far, stdout and stderr of every run.
    var printed: [String] { transcript.withLock { $0 } }

    /// Registers `tenant` (testing fixtures) as `root` on the current server, password from standard input.
    func register(_ tenant: String, password: String = "s3cret-pass") async throws {
        try await succeed(
            ["auth", "register", tenant, "root", "--template", "testing", "--password-stdin"],
            stdin: password + "\n"
        )
    }

    /// The tokens saved in `config.json`, read the way only a test may, to look for them elsewhere.
    func savedTokens() throws -> [String] {
        let bytes = try Data(contentsOf: configDirectory.appendingPathComponent("config.json"))
        let config = try JSONParser.parse(Array(bytes))
        return config["sessions"]?.arrayValue?.compactMap { $0["token"]?.stringValue } ?? []
    }
}

/// Parses a command's standard output as JSON.
func json(_ result: MonkProcess.Result, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
    do {
        return try JSONParser.parse(result.stdout)
    } catch {
        Issue.record("stdout is not JSON: \(result.stdout)", sourceLocation: sourceLocation)
        throw error
    }
}
