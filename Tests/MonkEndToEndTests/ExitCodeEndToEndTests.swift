import Foundation
import MonkCore
import MonkTestSupport
import Testing

/// The exit statuses of DESIGN.md §12 as the built binary reports them.
@Suite struct ExitCodeEndToEndTests {
    @Test func unknownServerNameExitsThree() async throws {
        try await withTemporaryDirectory { dir in
            let user = CLIUser(configDirectory: dir)
            try await user.succeed(["config", "server", "add", "local", "http://127.0.0.1:1"])
            let result = try await user.monk(["data", "list", "account", "--server", "nosuch"])
            #expect(result.status == 3)
            #expect(result.stderr.contains("no server named `nosuch`; known: local"))
        }
    }

    @Test func serverDownExitsFiveWithinTheTimeout() async throws {
        try await withTemporaryDirectory { dir in
            let user = CLIUser(configDirectory: dir)
            let port = try TestServer.closedLoopbackPort()
            try await user.succeed(["config", "server", "add", "down", "http://127.0.0.1:\(port)"])
            let clock = ContinuousClock()
            let start = clock.now
            let result = try await user.monk(["config", "server", "ping", "down", "--retries", "1", "--timeout", "5"])
            #expect(result.status == 5)
            #expect(clock.now - start < .seconds(10))
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("127.0.0.1:\(port)"))
        }
    }

    @Test func validationErrorExitsSixAndMalformedInputSeven() async throws {
        try await withTemporaryDirectory { dir in
            try await TestServer.run { server in
                let user = CLIUser(configDirectory: dir)
                try await user.succeed(["config", "server", "add", "local", server.baseURL])
                try await user.register("acme")

                let invalid = try await user.monk(["data", "create", "account", #"{"name": 5}"#])
                #expect(invalid.status == 6)
                #expect(invalid.stderr.contains("DATA_VALIDATION_FAILED"))

                let bad = dir.appendingPathComponent("bad.json")
                try Data(#"{"name": "Ada", "#.utf8).write(to: bad)
                let malformed = try await user.monk(["data", "create", "account", "@" + bad.path])
                #expect(malformed.status == 7)
                #expect(malformed.stderr.contains(bad.path))

                let missing = try await user.monk([
                    "data", "create", "account", dir.appendingPathComponent("no.json").path,
                ])
                #expect(missing.status == 3)

                let unknown = try await user.monk(["data", "get", "account", "00000000-0000-4000-8000-000000000000"])
                #expect(unknown.status == 3)
            }
        }
    }
}
