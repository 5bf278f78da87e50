import Foundation
import MonkCore
import MonkTestSupport
import Testing

/// The session token reaches the config file and the server, and nothing else: no output stream of any
/// command (successful, failing, verbose or `--json`) and no other file in the config directory.
@Suite struct TokenLeakEndToEndTests {
    @Test func tokenNeverAppearsInOutputOrOtherFiles() async throws {
        try await withTemporaryDirectory { dir in
            try await TestServer.run { server in
                let configDir = dir.appendingPathComponent("config")
                let user = CLIUser(configDirectory: configDir)
                try await user.succeed(["config", "server", "add", "local", server.baseURL])
                try await user.register("acme")
                let commands: [[String]] = [
                    ["auth", "list", "--json"], ["auth", "whoami", "-v"], ["config", "show"],
                    ["config", "show", "--json"],
                    ["auth", "refresh", "--json"], ["auth", "sudo", "--json"], ["data", "list", "account", "-v"],
                    ["data", "get", "account", "not-an-id", "-v"], ["data", "create", "account", "{}", "-v"],
                    ["describe", "get", "nosuch"], ["find", "account", "--where", #"{"nosuch": 1}"#, "-v"],
                    ["data", "export", "account", dir.appendingPathComponent("out").path, "--format", "csv"],
                ]
                for command in commands { _ = try await user.monk(command) }
                let withEnvironment = CLIUser(
                    configDirectory: dir.appendingPathComponent("other"),
                    environment: ["MONK_API_BASE_URL": server.baseURL, "MONK_API_TOKEN": try user.savedTokens()[0]]
                )
                _ = try await withEnvironment.monk(["auth", "whoami", "-v"])
                _ = try await withEnvironment.monk(["config", "show", "--json"])

                for text in user.printed + withEnvironment.printed {
                    #expect(!text.contains("s3cret-pass"), "the password appeared in output")
                }
                let tokens = try user.savedTokens()
                #expect(!tokens.isEmpty)
                for token in tokens {
                    for text in user.printed + withEnvironment.printed {
                        #expect(!text.contains(token), "a token appeared in output")
                    }
                    let files = FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String } ?? []
                    for file in files where !file.hasSuffix("config/config.json") {
                        let path = dir.appendingPathComponent(file).path
                        guard let bytes = FileManager.default.contents(atPath: path) else { continue }
                        #expect(!String(decoding: bytes, as: UTF8.self).contains(token), "a token appeared in \(file)")
                    }
                }
            }
        }
    }
}
