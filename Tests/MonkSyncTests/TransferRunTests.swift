import Foundation
import MonkCore
import MonkSync
import MonkTestSupport
import Testing

/// ``TransferRun``: several jobs, failures withholding deletes, checkpoints, `--diff-first` declining.
@Suite struct TransferRunTests {
    /// A job copying `from` to `to` (JSONL files in `dir`).
    func job(_ from: String, _ to: String, in dir: URL) throws -> TransferJob {
        let source = try LocalEndpoint(parsing: dir.appendingPathComponent(from).path)
        let destination = try LocalEndpoint(parsing: dir.appendingPathComponent(to).path)
        return TransferJob(
            label: to,
            destination: to,
            diff: { path in
                try await LocalDiff(selection: .default).run(
                    from: source,
                    to: destination,
                    patchPath: path,
                    createdAt: "2026-11-24T10:30:00Z",
                    generator: "monk test"
                )
            },
            target: { _ in try LocalPatchTarget(destination) }
        )
    }

    func write(_ files: [String: String], in dir: URL) throws {
        for (name, text) in files {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    func read(_ name: String, in dir: URL) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    func transfer(_ dir: URL) -> Transfer {
        Transfer(
            strategy: .replace,
            safety: SafetyGuard(deleteLimit: .percent(100)),
            isDryRun: false,
            workDirectory: dir.path
        )
    }

    @Test func afterAFailedJobTheOthersDeleteNothing() async throws {
        try await withTemporaryDirectory { dir in
            try write(["a.jsonl": "{\"id\":\"1\"}\n", "b.jsonl": "{\"id\":\"1\"}\n{\"id\":\"2\"}\n"], in: dir)
            let jobs = [try job("missing.jsonl", "x.jsonl", in: dir), try job("a.jsonl", "b.jsonl", in: dir)]
            let summary = try await TransferRun(transfer: transfer(dir), concurrency: 2).run(jobs, startedAt: "t0")
            #expect(summary.failures.map(\.label) == ["x.jsonl"])
            #expect(summary.plan.withheldDeletes == 1 && summary.deleted == 0)
            #expect(try read("b.jsonl", in: dir) == "{\"id\":\"1\"}\n{\"id\":\"2\"}\n")
        }
    }

    @Test func checkpointStaysAfterAFailureAndIsRemovedAfterSuccess() async throws {
        try await withTemporaryDirectory { dir in
            try write(["a.jsonl": "{\"id\":\"1\"}\n", "b.jsonl": ""], in: dir)
            let checkpoint = TransferCheckpoint(
                directory: dir.appendingPathComponent("checkpoints").path,
                command: "sync copy",
                source: "a",
                destination: "b"
            )
            let failing = [try job("missing.jsonl", "x.jsonl", in: dir), try job("a.jsonl", "b.jsonl", in: dir)]
            let run = TransferRun(transfer: transfer(dir), checkpoint: checkpoint)
            _ = try await run.run(failing, startedAt: "t0")
            let left = try #require(checkpoint.load())
            #expect(left.startedAt == "t0" && left.total == 1 && left.applied == 1 && left.finished == ["b.jsonl"])
            let rerun = try await run.run([try job("a.jsonl", "b.jsonl", in: dir)], startedAt: "t1")
            #expect(rerun.resumed?.startedAt == "t0" && rerun.inserted == 0 && rerun.failures.isEmpty)
            #expect(checkpoint.load() == nil)
        }
    }

    @Test func decliningTheDiffWritesNothing() async throws {
        try await withTemporaryDirectory { dir in
            try write(["a.jsonl": "{\"id\":\"1\"}\n", "b.jsonl": ""], in: dir)
            let summary = try await TransferRun(transfer: transfer(dir)).run(
                [try job("a.jsonl", "b.jsonl", in: dir)],
                startedAt: "t0",
                confirm: { plan in plan.inserts != 1 }
            )
            #expect(summary.isDeclined && summary.plan.inserts == 1 && summary.inserted == 0)
            #expect(try read("b.jsonl", in: dir).isEmpty)
        }
    }

    @Test func aGuardInAnyJobStopsEveryJobBeforeWriting() async throws {
        try await withTemporaryDirectory { dir in
            try write(["a.jsonl": "{\"id\":\"1\"}\n", "b.jsonl": "", "c.jsonl": "{\"id\":\"9\"}\n"], in: dir)
            var strict = transfer(dir)
            strict.safety = SafetyGuard(deleteLimit: .count(0))
            let jobs = [try job("a.jsonl", "b.jsonl", in: dir), try job("a.jsonl", "c.jsonl", in: dir)]
            await #expect(throws: SyncError.self) {
                _ = try await TransferRun(transfer: strict, concurrency: 1).run(jobs, startedAt: "t0")
            }
            #expect(try read("b.jsonl", in: dir).isEmpty && read("c.jsonl", in: dir) == "{\"id\":\"9\"}\n")
        }
    }
}
