import Foundation
import MonkTestSupport
import Testing

/// `monk serve` as a user starts it: the built binary on a free port, driven with curl and the monk client,
/// stopped with SIGTERM.
@Suite struct ServeBinaryTests {
    @Test func demoServerAnswersCurlAndTheClientAndStopsCleanly() async throws {
        try await withTemporaryDirectory { dir in
            let environment = ["MONK_CLI_CONFIG_DIR": dir.appendingPathComponent("config").path]
            let data = dir.appendingPathComponent("data").path
            let serve = try BackgroundMonk.start(
                ["serve", "--port", "0", "--data-dir", data, "--demo"],
                environment: environment
            )
            let url = try await serve.waitForLine(startingWith: "listening on ")
            #expect(url.hasPrefix("http://127.0.0.1:"))

            let password = try #require(
                serve.stdout.split(separator: "\n").first { $0.hasPrefix("tenant demo: ") }?
                    .components(separatedBy: "password ").last
            )
            let health = try await curl(["-sS", "\(url)/health"])
            #expect(health.contains("\"status\":\"healthy\""))
            let login = try await curl([
                "-sS", "-X", "POST", "-H", "Content-Type: application/json",
                "-d", "{\"tenant\":\"demo\",\"username\":\"root\",\"password\":\"\(password)\"}", "\(url)/auth/login",
            ])
            #expect(login.contains("\"token\""))
            let refused = try await curl(["-sS", "-o", "/dev/null", "-w", "%{http_code}", "\(url)/api/data/account"])
            #expect(refused == "401")

            // --demo registered server `local` with sessions, so the client works with no login.
            let list = try await MonkProcess.run(["--json", "data", "list", "account"], environment: environment)
            #expect(list.status == 0, "\(list.stderr)")
            #expect(list.stdout.contains("10000000-0000-4000-8000-000000000001"))
            let staging = try await MonkProcess.run(
                ["--json", "data", "list", "account", "--tenant", "staging"],
                environment: environment
            )
            #expect(staging.status == 0, "\(staging.stderr)")
            #expect(staging.stdout != list.stdout, "staging should differ from demo")

            #expect(try await serve.stop() == 0)
            #expect(!serve.stderr.contains(password))
        }
    }

    /// Runs curl and returns what it printed on stdout.
    private func curl(_ arguments: [String]) async throws -> String {
        let curl = try SpawnedProcess("/usr/bin/curl", arguments, stdout: .pipe)
        #expect(await curl.exitStatus() == 0, "curl \(arguments) failed")
        // curl has exited and its few bytes sit in the pipe buffer, so this read does not block.
        return String(decoding: SpawnedProcess.readAll(curl.stdout!), as: UTF8.self)
    }
}
