import Foundation
import Glibc
import MonkCore

/// The transfer scenarios of issue #7 between two `monk serve` processes (``TransferFixture``; 1M records of
/// ~330 B, or `MONK_BENCH_SYNC_RECORDS`):
///
/// - `transfer-copy`: `monk sync copy one:demo:bench two:staging:<empty model>`, goal ≤ 12 s wall. Baseline:
///   what a script does without monk, the source's JSONL stream fetched with curl and posted back as JSONL
///   creates (`POST /api/data/:model`, 10,000 lines a request) with curl.
/// - `transfer-pull-jsonl`: `monk sync pull one:demo:bench DIR --layout jsonl`, goal ≤ 2 s wall. Baseline:
///   the same JSONL stream fetched with curl into a file.
/// - `transfer-pull-files`: `monk sync pull one:demo:bench DIR` (one pretty file per record), goal ≤ 1.1 × the
///   baseline's wall time. Baseline: a plain loop that writes the same files (temporary name, then rename),
///   their bytes prepared beforehand.
///
/// Every run writes somewhere new (a fresh model or directory); those are removed when the child exits.
enum TransferScenarios {
    // nonisolated(unsafe): a monk-bench child runs one scenario on its main thread, and the atexit handler
    // reads these after it; nothing touches them concurrently.
    /// Models and directories to remove at exit, and directories of many files to move to the trash.
    nonisolated(unsafe) static var leftovers: (models: [String], directories: [String], kept: [String]) = ([], [], [])
    nonisolated(unsafe) private static var isCleanupRegistered = false
    nonisolated(unsafe) private static var serial = 0

    /// Starts the fixture and arranges the clean-up.
    static func fixture() -> TransferFixture {
        do {
            let fixture = try TransferFixture.started()
            if !isCleanupRegistered {
                isCleanupRegistered = true
                emptyTrash(fixture)
                // Registered after the fixture's own handler, so it runs first, while the servers are up.
                atexit { TransferScenarios.cleanUp() }
            }
            return fixture
        } catch {
            preconditionFailure("transfer: cannot prepare the servers: \(error)")
        }
    }

    /// A name no other run of this process or another child uses.
    static func uniqueName(_ prefix: String) -> String {
        serial += 1
        return "\(prefix)_\(getpid())_\(serial)"
    }

    /// A fresh directory path (not created) under the fixture's directory.
    static func freshDirectory(_ fixture: TransferFixture) -> String {
        let path = fixture.directory + "/" + uniqueName("out")
        leftovers.directories.append(path)
        return path
    }

    /// A fresh directory path (not created) for many small files, which is not deleted when the child exits
    /// but moved to the fixture's trash, emptied once this `monk-bench` run has measured everything
    /// (``emptyTrashAfterMeasuring()``), or by the next run when this one was stopped.
    ///
    /// The file system here is ext4 without a journal: it does not reuse an inode freed in the last minute (six
    /// while its inode table block is dirty), and every file created near many such inodes scans past all of
    /// them. Deleting 100,000 files between two runs made the next run's creates several times slower, which
    /// hit whichever side ran after a deletion (the first baseline never did, and kept the best time). So no
    /// child deletes files: the only deletion is the earlier runs' trash, before the first child of a run, and
    /// it slows the children that follow it (baseline and monk alternately) for a few minutes. At 1M records a
    /// run puts about 6M files (24 GB) in the trash.
    static func freshFilesDirectory(_ fixture: TransferFixture) -> String {
        let path = fixture.directory + "/" + uniqueName("files")
        leftovers.kept.append(path)
        return path
    }

    /// Deletes what earlier `monk-bench` runs left in the trash, before this run measures anything; children of
    /// this run (one parent) keep theirs.
    private static func emptyTrash(_ fixture: TransferFixture) {
        let trash = fixture.directory + "/trash"
        let own = "\(getppid())-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: trash)) ?? [] where !name.hasPrefix(own) {
            _ = try? RemoteSyncFixture.run("/bin/rm", ["-rf", trash + "/" + name], environment: [:])
        }
    }

    /// Deletes the trash this `monk-bench` process's children left (the parent calls it after the last
    /// measurement, so no timing sees the deletion); a no-op when no transfer scenario ran.
    static func emptyTrashAfterMeasuring() {
        let trash = TransferFixture.directoryPath + "/trash"
        let own = "\(getpid())-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: trash)) ?? [] where name.hasPrefix(own) {
            _ = try? RemoteSyncFixture.run("/bin/rm", ["-rf", trash + "/" + name], environment: [:])
        }
    }

    /// A fresh empty model in `two:staging`.
    static func freshModel(_ fixture: TransferFixture) throws -> String {
        let name = uniqueName("copy")
        try fixture.createModel(name)
        leftovers.models.append(name)
        return name
    }

    private static func cleanUp() {
        guard let fixture = TransferFixture.running else { return }
        for model in leftovers.models { fixture.dropModel(model) }
        for directory in leftovers.directories {
            _ = try? RemoteSyncFixture.run("/bin/rm", ["-rf", directory], environment: [:])
        }
        let trash = fixture.directory + "/trash"
        try? FileManager.default.createDirectory(atPath: trash, withIntermediateDirectories: true)
        for directory in leftovers.kept {
            let name = directory.split(separator: "/").last.map(String.init) ?? ""
            if rename(directory, trash + "/\(getppid())-" + name) != 0 {
                _ = try? RemoteSyncFixture.run("/bin/rm", ["-rf", directory], environment: [:])
            }
        }
        leftovers = ([], [], [])
    }

    /// Runs `monk` and throws when it fails; returns its output.
    @discardableResult
    static func monk(_ fixture: TransferFixture, _ arguments: [String]) throws -> String {
        let result = try fixture.monk(arguments)
        guard result.status == 0 else {
            throw RemoteSyncFixture.Failure(description: "monk \(arguments): \(result.output.suffix(400))")
        }
        return result.output
    }

    /// Fetches the source's JSONL stream with curl into `file`.
    static func curlSource(_ fixture: TransferFixture, into file: String) throws {
        let token = try fixture.token(server: "one", tenant: "demo")
        let result = try RemoteSyncFixture.run(
            "/usr/bin/curl",
            [
                "-sf", "-o", file, "-H", "Accept: application/x-ndjson", "-H", "Authorization: Bearer \(token)",
                fixture.url("one") + "/api/data/bench?order=id",
            ],
            environment: [:]
        )
        guard result.status == 0 else { throw RemoteSyncFixture.Failure(description: "curl: \(result.output)") }
    }

    /// The size of the file at `path`.
    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
