import Foundation
import MonkTestSupport
import Testing

/// `sync pull`, `push` and `copy` with the built binary between two `monk serve` processes.
@Suite struct TransferEndToEndTests {
    @Test func pullThenPushRoundTripsBetweenServers() async throws {
        try await withTemporaryDirectory { dir in
            try await TransferFixture.run(in: dir) { stage in
                try await stage.seedContacts(40, server: "a", tenant: "acme")
                let backup = dir.appendingPathComponent("backup").path
                try await stage.user.succeed(["sync", "pull", "a:acme:contact", backup])
                let manifest = try String(contentsOfFile: backup + "/.monk.json", encoding: .utf8)
                #expect(manifest.contains("a:acme:contact") && manifest.contains("sha256:"))
                _ = try await stage.transfer(["sync", "push", backup, "b:beta:contact", "--max-delete", "100%"])
                #expect(try await stage.areEqual("a:acme:contact", "b:beta:contact"))
                let copied = try await stage.count(server: "b", tenant: "beta")
                #expect(try await copied == stage.count(server: "a", tenant: "acme"))
            }
        }
    }

    @Test func copyAppliesEachStrategyAndDryRunChangesNothing() async throws {
        try await withTemporaryDirectory { dir in
            try await TransferFixture.run(in: dir) { stage in
                try await stage.seedContacts(30, server: "a", tenant: "acme")
                try await stage.seedContacts(20, server: "b", tenant: "acme", seed: "old")
                let before = try await stage.count(server: "b", tenant: "acme")
                let dry = try await stage.transfer(
                    ["sync", "copy", "a:acme:contact", "b:acme:contact", "--merge", "--dry-run"]
                )
                #expect(dry["inserted"] == 10 && dry["updated"] == 20 && dry["deleted"] == 0)
                #expect(try await stage.count(server: "b", tenant: "acme") == before)
                #expect(try await !stage.areEqual("a:acme:contact", "b:acme:contact"))

                let skip = try await stage.transfer(
                    ["sync", "copy", "a:acme:contact", "b:acme:contact", "--strategy", "skip-existing"]
                )
                #expect(skip["inserted"] == 10 && skip["updated"] == 0 && skip["deleted"] == 0)
                let merge = try await stage.transfer(["sync", "copy", "a:acme:contact", "b:acme:contact", "--merge"])
                #expect(merge["inserted"] == 0 && merge["updated"] == dry["updated"] && merge["deleted"] == 0)
                #expect(try await stage.count(server: "b", tenant: "acme") == before + 10)
                let replace = try await stage.transfer(["sync", "copy", "a:acme:contact", "b:acme:contact"])
                #expect(replace["inserted"] == 0 && replace["updated"] == 0)
                #expect(try await stage.areEqual("a:acme:contact", "b:acme:contact"))
            }
        }
    }

    /// A copy into an empty model streams straight in (no diff, no patch); its dry run must still count exactly
    /// and write nothing.
    @Test func aDryRunIntoAnEmptyModelCountsTheInsertsAndWritesNothing() async throws {
        try await withTemporaryDirectory { dir in
            try await TransferFixture.run(in: dir) { stage in
                try await stage.seedContacts(15, server: "a", tenant: "acme")
                let total = try await stage.count(server: "a", tenant: "acme")
                let yaml = dir.appendingPathComponent("lead.yaml")
                try """
                fields:
                  - {field_name: name, type: text, required: true}
                  - {field_name: email, type: text, required: true}
                  - {field_name: phone, type: text}
                  - {field_name: company, type: text}
                  - {field_name: status, type: text}
                  - {field_name: notes, type: text}
                """.write(to: yaml, atomically: true, encoding: .utf8)
                try await stage.user.succeed([
                    "describe", "create", "lead", yaml.path, "--server", "b", "--tenant", "beta",
                ])
                let leads = ["find", "lead", "--count", "--server", "b", "--tenant", "beta"]

                let dry = try await stage.transfer(["sync", "copy", "a:acme:contact", "b:beta:lead", "--dry-run"])
                #expect(dry["inserted"] == total && dry["updated"] == 0 && dry["deleted"] == 0)
                let untouched = try await stage.user.succeed(leads)
                #expect(untouched.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")

                let real = try await stage.transfer(["sync", "copy", "a:acme:contact", "b:beta:lead"])
                #expect(real["inserted"] == total && real["updated"] == 0 && real["deleted"] == 0)
                #expect(try await stage.areEqual("a:acme:contact", "b:beta:lead"))
            }
        }
    }

    @Test func guardsExitEightAndChangeNothing() async throws {
        try await withTemporaryDirectory { dir in
            try await TransferFixture.run(in: dir) { stage in
                try await stage.seedContacts(10, server: "b", tenant: "beta")
                let before = try await stage.count(server: "b", tenant: "beta")
                let empty = dir.appendingPathComponent("empty.jsonl")
                try Data().write(to: empty)
                let emptySource = try await stage.user.monk(
                    ["sync", "copy", empty.path, "b:beta:contact", "--max-delete", "100%"]
                )
                #expect(emptySource.status == 8 && emptySource.stderr.contains("--allow-empty-source"))
                let tooMany = try await stage.user.monk(["sync", "copy", "a:beta:contact", "b:beta:contact"])
                #expect(tooMany.status == 8 && tooMany.stderr.contains("--max-delete"), "\(tooMany.stderr)")
                #expect(try await stage.count(server: "b", tenant: "beta") == before)
            }
        }
    }

    @Test func wholeTenantPullsToJSONLWithSchemasAndPushCreatesModels() async throws {
        try await withTemporaryDirectory { dir in
            try await TransferFixture.run(in: dir) { stage in
                let model = dir.appendingPathComponent("project.yaml")
                try Data("fields:\n  - {field_name: title, type: text, required: true}\n".utf8).write(to: model)
                try await stage.user.succeed(
                    ["describe", "create", "project", model.path, "--server", "a", "--tenant", "acme"]
                )
                let record = #"{"id":"40000000-0000-4000-8000-000000000001","title":"Launch"}"#
                try await stage.user.succeed(
                    ["data", "create", "project", "-", "--server", "a", "--tenant", "acme"],
                    stdin: record
                )
                let backup = dir.appendingPathComponent("acme").path
                let pull = try await stage.transfer(
                    [
                        "sync", "pull", "a:acme:*", backup, "--layout", "jsonl", "--include-schemas", "--concurrency",
                        "2",
                    ]
                )
                #expect((pull["inserted"] ?? 0) > 1)
                let names = try FileManager.default.contentsOfDirectory(atPath: backup)
                #expect(
                    Set(names).isSuperset(of: ["account.jsonl", "contact.jsonl", "project.jsonl", "describe.yaml"])
                )
                let project = try String(contentsOfFile: backup + "/project.jsonl", encoding: .utf8)
                #expect(
                    project.contains("Launch") && project.contains("created_at")
                        && project.split(separator: "\n").count == 1
                )

                let push = try await stage.user.monk(
                    ["sync", "push", backup, "b:beta:*", "--create-models", "--max-delete", "100%"]
                )
                #expect(push.status == 0, "\(push.stderr)")
                #expect(try await stage.areEqual("a:acme:*", "b:beta:*"))
                let again = try await stage.transfer(
                    ["sync", "pull", "a:acme:*", backup, "--layout", "jsonl"],
                    expect: 8
                )
                #expect(again.isEmpty)
            }
        }
    }

    @Test func interruptedCopyExits130AndTheRerunSaysItResumes() async throws {
        try await withTemporaryDirectory { dir in
            try await TransferFixture.run(in: dir) { stage in
                try await stage.seedContacts(8_000, server: "a", tenant: "acme")
                let before = try await stage.count(server: "b", tenant: "beta")
                let arguments = ["sync", "copy", "a:acme:contact", "b:beta:contact", "--batch-size", "200"]
                let client = try KillableMonk(arguments, environment: stage.user.environment)
                let deadline = ContinuousClock.now + .seconds(120)
                while try await stage.count(server: "b", tenant: "beta") == before && client.isRunning
                    && ContinuousClock.now < deadline
                {}
                #expect(client.isRunning, "the copy finished before it could be interrupted")
                client.interrupt()
                #expect(await client.status() == 130)
                let checkpoints = dir.appendingPathComponent("config/checkpoints").path
                #expect(try FileManager.default.contentsOfDirectory(atPath: checkpoints).count == 1)
                let rerun = try await stage.rerun(arguments)
                #expect(rerun.stderr.contains("Resumed an interrupted run"))
                #expect(try await stage.areEqual("a:acme:contact", "b:beta:contact"))
                #expect(try FileManager.default.contentsOfDirectory(atPath: checkpoints).isEmpty)
            }
        }
    }

    @Test func killedCopyResumesWithoutDuplicatesOrRedoneBatches() async throws {
        try await withTemporaryDirectory { dir in
            try await TransferFixture.run(in: dir) { stage in
                let total = 20_000
                try await stage.seedContacts(total, server: "a", tenant: "acme")
                let before = try await stage.count(server: "b", tenant: "beta")
                let arguments = [
                    "sync", "copy", "a:acme:contact", "b:beta:contact", "--merge", "--batch-size", "500",
                ]
                let client = try KillableMonk(arguments, environment: stage.user.environment)
                let deadline = ContinuousClock.now + .seconds(120)
                var landed = before
                while landed <= before + 1_000 && client.isRunning && ContinuousClock.now < deadline {
                    landed = try await stage.count(server: "b", tenant: "beta")
                }
                #expect(client.isRunning, "the copy finished before it could be killed")
                client.kill()
                let partial = try await stage.count(server: "b", tenant: "beta")
                #expect(partial > before && partial < before + total)

                let result = try await stage.rerun(arguments + ["--json"])
                let rerun = TransferFixture.counts(result.stdout)
                #expect((rerun["inserted"] ?? total) < total && (rerun["inserted"] ?? 0) > 0)
                // A batch in flight when the client died may still commit on the server, so the rerun inserts
                // at most what the destination lacked when it was counted.
                #expect((rerun["inserted"] ?? total) <= before + total - partial)
                #expect(try await stage.count(server: "b", tenant: "beta") == before + total)
                let check = try await stage.transfer(["sync", "copy", "a:acme:contact", "b:beta:contact", "--merge"])
                #expect(check["inserted"] == 0 && check["updated"] == 0)
            }
        }
    }
}

/// A `monk` child the test can SIGKILL part-way.
final class KillableMonk {
    private let child: SpawnedProcess

    init(_ arguments: [String], environment: [String: String]) throws {
        child = try SpawnedProcess(
            MonkProcess.executable.path,
            arguments,
            environment: environment.merging(["PATH": "/usr/bin:/bin"]) { first, _ in first }
        )
    }

    var isRunning: Bool { child.isRunning }

    /// Sends SIGKILL: the client gets no chance to write anything more.
    func kill() {
        child.send(SIGKILL)
    }

    /// Sends SIGINT, as Ctrl-C does.
    func interrupt() {
        child.send(SIGINT)
    }

    /// The exit status, once the process has ended (polled with a deadline; `-1` when it does not end).
    func status(timeout: Duration = .seconds(60)) async -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while child.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return child.isRunning ? -1 : await child.exitStatus()
    }
}
