import Foundation
import MonkClient
import MonkCore
import MonkTestSupport
import Testing

@testable import MonkCLI

/// `monk config` and `monk auth` commands that need no server, run in process against a temporary config dir.
@Suite struct ConfigCommandTests {
    @Test func serversAreAddedListedSelectedAndRemoved() async throws {
        try await withTemporaryDirectory { dir in
            let environment = ["MONK_CLI_CONFIG_DIR": dir.path]
            let added = await runMonk(
                ["config", "server", "add", "local", "http://127.0.0.1:9001/"],
                environment: environment
            )
            #expect(added.status == .success)
            #expect(added.err == "✓ server `local` is http://127.0.0.1:9001; it is the current server\n")
            _ = await runMonk(
                ["config", "server", "add", "prod", "https://user:pw@monk.example"],
                environment: environment
            )
            let listed = await runMonk(["config", "server", "list"], environment: environment)
            #expect(listed.out == "* local  http://127.0.0.1:9001\n  prod   https://monk.example\n")
            #expect(!listed.out.contains("pw"))
            #expect(await runMonk(["config", "server", "use", "prod"], environment: environment).status == .success)
            let json = await runMonk(["config", "server", "list", "--json"], environment: environment)
            let servers = try JSONParser.parse(json.out)
            #expect(servers[1]?["current"] == true)
            #expect(await runMonk(["config", "server", "rm", "prod"], environment: environment).status == .success)
            let shown = await runMonk(["config", "show"], environment: environment)
            #expect(shown.out.contains("current server: (none)\n"))
        }
    }

    /// Command lines that fail without a server, with the exit status each must have.
    static let failures: [([String], Int32)] = [
        (["config", "server", "use", "nosuch"], 3),
        (["config", "server", "remove", "nosuch"], 3),
        (["config", "server", "add", "bad name", "http://x"], 7),
        (["config", "server", "add", "x", "ftp://x"], 7),
        (["auth", "use", "acme"], 3),
        (["auth", "logout"], 3),
        (["data", "list", "account"], 3),
        (["aggregate", "account"], 2),
    ]

    @Test(arguments: failures)
    func failuresExitWithTheirStatus(arguments: [String], expected: Int32) async throws {
        try await withTemporaryDirectory { dir in
            let result = await runMonk(arguments, environment: ["MONK_CLI_CONFIG_DIR": dir.path])
            #expect(result.status.code == expected)
            #expect(result.out.isEmpty)
            #expect(!result.err.isEmpty)
        }
    }

    @Test func sessionsAreListedWithUserAndExpiryButNeverTheToken() async throws {
        try await withTemporaryDirectory { dir in
            let store = ConfigStore(directory: dir.path)
            try store.update { config in
                try config.addServer("local", url: "http://127.0.0.1:9001")
                config.saveSession(
                    .init(
                        server: "local",
                        tenant: "acme",
                        user: "root",
                        token: "secret-token-1",
                        expiresAt: 4_102_444_800
                    )
                )
            }
            let environment = ["MONK_CLI_CONFIG_DIR": dir.path]
            let listed = await runMonk(["auth", "list"], environment: environment)
            #expect(listed.out == "* local  acme  root  expires 2100-01-01T00:00:00.000Z\n")
            let shown = await runMonk(["config", "show", "--json"], environment: environment)
            let json = try JSONParser.parse(shown.out)
            #expect(json["sessions"]?[0]?["expires_at"] == "2100-01-01T00:00:00.000Z")
            #expect(json["current"] == ["server": "local", "tenant": "acme"])
            for output in [listed.out, listed.err, shown.out, shown.err] { #expect(!output.contains("secret-token")) }
            #expect(await runMonk(["auth", "logout"], environment: environment).status == .success)
            #expect(try store.load().sessions.isEmpty)
        }
    }
}
