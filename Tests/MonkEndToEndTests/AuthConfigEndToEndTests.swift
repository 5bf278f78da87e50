import Foundation
import MonkCore
import MonkTestSupport
import Testing

/// `monk config` and `monk auth` against an in-process `monk serve`, through the built binary.
@Suite struct AuthConfigEndToEndTests {
    @Test func registerLoginListAndLogOut() async throws {
        try await withTemporaryDirectory { dir in
            try await TestServer.run { server in
                let user = CLIUser(configDirectory: dir)
                try await user.succeed(["config", "server", "add", "local", server.baseURL])
                try await user.register("acme")

                let sessions = try await user.succeed(["auth", "list"])
                #expect(sessions.stdout.contains("* local  acme  root  expires "))

                let servers = try json(try await user.succeed(["config", "server", "list", "--json"]))
                #expect(servers == [["current": true, "name": "local", "url": .string(server.baseURL)]])

                let shown = try await user.succeed(["config", "show"])
                #expect(shown.stdout.contains("current server: local\ncurrent tenant: acme\n"))
                let shownJSON = try json(try await user.succeed(["config", "show", "--json"]))
                #expect(shownJSON["sessions"]?[0]?["user"] == "root")
                #expect(shownJSON["sessions"]?[0]?["token"] == nil)

                let me = try json(try await user.succeed(["auth", "whoami"]))
                #expect(me["auth"] == "root")

                try await user.succeed(["auth", "refresh"])
                try await user.succeed(["auth", "sudo", "--reason", "end-to-end test"])

                let wrong = try await user.monk(
                    ["auth", "login", "acme", "root", "--password-stdin"],
                    stdin: "not-the-password\n"
                )
                #expect(wrong.status == 4)
                #expect(wrong.stderr.contains("AUTH_LOGIN_FAILED"))

                let unprompted = try await user.monk(["auth", "login", "acme", "root"], stdin: "s3cret-pass\n")
                #expect(unprompted.status == 2)
                #expect(unprompted.stderr.contains("hint: pipe it in with --password-stdin"))
                let visible = try await user.succeed(["auth", "login", "acme", "root", "--password", "s3cret-pass"])
                #expect(visible.stderr.contains("⚠ --password is visible to other users"))
                try await user.succeed(["auth", "login", "acme", "root", "--password-stdin"], stdin: "s3cret-pass\n")
                try await user.succeed(["auth", "logout"])
                let none = try await user.succeed(["auth", "list"])
                #expect(none.stdout.contains("no sessions"))

                let loggedOut = try await user.monk(["data", "list", "account"])
                #expect(loggedOut.status == 4)
                #expect(loggedOut.stderr.contains("not logged in"))
            }
        }
    }

    @Test func configFileIsPrivateAndPingReportsTheServer() async throws {
        try await withTemporaryDirectory { dir in
            try await TestServer.run { server in
                let user = CLIUser(configDirectory: dir)
                try await user.succeed(["config", "server", "add", "local", server.baseURL])
                let ping = try json(try await user.succeed(["config", "server", "ping", "--json"]))
                #expect(ping["status"] == "healthy")
                #expect(ping["kind"] == "monk serve")
                let path = dir.appendingPathComponent("config.json").path
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                #expect((attributes[.posixPermissions] as? Int) == 0o600)
                try await user.succeed(["config", "server", "add", "other", "http://127.0.0.1:1"])
                try await user.succeed(["config", "server", "use", "other"])
                try await user.succeed(["config", "server", "remove", "other"])
                let listed = try await user.succeed(["config", "server", "list"])
                #expect(listed.stdout == "  local  \(server.baseURL)\n")
            }
        }
    }
}
