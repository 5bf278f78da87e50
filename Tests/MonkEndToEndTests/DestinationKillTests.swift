import Foundation
import MonkTestSupport
import Synchronization
import Testing

/// Issue #7's second kill test: the destination server dies (SIGKILL) part-way through a copy into an empty
/// model, is restarted on the same data directory, and the rerun finishes the copy without duplicates and
/// without redoing the batches that had committed.
@Suite struct DestinationKillTests {
    @Test func killedDestinationServerLosesNoCommittedBatchAndTheRerunFinishes() async throws {
        try await withTemporaryDirectory { dir in
            try await TransferFixture.run(in: dir) { stage in
                try await stage.seedContacts(20_000, server: "a", tenant: "acme")
                let total = try await stage.count(server: "a", tenant: "acme")
                let data = dir.appendingPathComponent("data-c").path
                var server = try KillableServer(dataDirectory: data, port: 0)
                var started = [server]
                defer { for each in started { each.kill() } }
                let url = try await server.url()
                try await stage.user.succeed(["config", "server", "add", "c", url])
                try await stage.user.succeed(
                    ["auth", "register", "gamma", "root", "--password-stdin", "--server", "c"],
                    stdin: "s3cret-pass\n"
                )
                // gamma has no contact model: --create-models makes an empty one, which is copied into directly.
                let arguments = [
                    "sync", "copy", "a:acme:contact", "c:gamma:contact", "--create-models", "--batch-size", "500",
                ]
                let client = try KillableMonk(arguments, environment: stage.user.environment)
                let deadline = ContinuousClock.now + .seconds(120)
                var landed = 0
                while landed < 1_000 && client.isRunning && ContinuousClock.now < deadline {
                    // The model appears only once the copy has created it.
                    let found = try await stage.user.monk([
                        "find", "contact", "--count", "--server", "c", "--tenant", "gamma",
                    ])
                    landed = Int(found.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
                }
                #expect(client.isRunning, "the copy finished before the destination could be killed")
                server.kill()
                let status = await client.status(timeout: .seconds(120))
                #expect(status != 0 && status != -1, "the copy should fail once its destination is gone")

                server = try KillableServer(dataDirectory: data, port: try server.port())
                started.append(server)
                _ = try await server.url()
                let committed = try await stage.count(server: "c", tenant: "gamma")
                #expect(committed >= landed && committed < total)
                #expect(committed % 500 == 0, "only whole batches survive the kill")

                let result = try await stage.rerun(arguments + ["--json"])
                let rerun = TransferFixture.counts(result.stdout)
                #expect(rerun["inserted"] == total - committed, "the rerun redid committed batches")
                #expect(rerun["updated"] == 0 && rerun["deleted"] == 0)
                #expect(try await stage.count(server: "c", tenant: "gamma") == total)
                #expect(try await stage.areEqual("a:acme:contact", "c:gamma:contact"))
            }
        }
    }
}

/// A `monk serve` child the test can SIGKILL and start again on the same data directory and port.
struct KillableServer {
    private let child: SpawnedProcess
    private let output = Output()

    /// Starts `monk serve` on `port` (0 for a free one).
    init(dataDirectory: String, port: Int) throws {
        child = try SpawnedProcess(
            MonkProcess.executable.path,
            ["serve", "--host", "127.0.0.1", "--port", String(port), "--data-dir", dataDirectory],
            environment: ["PATH": "/usr/bin:/bin", "MONK_CLI_CONFIG_DIR": dataDirectory + "-config"],
            stdout: .pipe
        )
        let output = output
        if let stdout = child.stdout { PipeReader.start(stdout) { text in output.text.withLock { $0 += text } } }
    }

    /// The URL from the `listening on` line, awaited with a deadline.
    func url() async throws -> String {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let line = output.text.withLock { text in
                text.split(separator: "\n").first { $0.hasPrefix("listening on ") }
            }
            if let line { return String(line.dropFirst("listening on ".count)) }
            if !child.isRunning { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw KillableServerError(message: "monk serve did not start: \(output.text.withLock { $0 })")
    }

    /// The port it listens on.
    func port() throws -> Int {
        let text = output.text.withLock { $0 }
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }),
            let port = line.split(separator: ":").last.flatMap({ Int($0) })
        else { throw KillableServerError(message: "no port in: \(text)") }
        return port
    }

    /// SIGKILL: the server gets no chance to finish anything.
    func kill() {
        child.send(SIGKILL)
    }

    /// What the server printed, shared with the pipe's handler.
    private final class Output: Sendable {
        let text = Mutex("")
    }
}

/// A server that would not start.
struct KillableServerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
