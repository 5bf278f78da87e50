import Foundation
import MonkCLI
import MonkCore
import MonkTestSupport
import Synchronization
import Testing

@testable import MonkSync

/// ``Differ`` reports how far it has read, and the side checksums stay SHA-256 over the record hashes in order.
@Suite struct DiffProgressTests {
    /// Collects what a diff reports and writes.
    final class Collector: OperationSink, @unchecked Sendable {
        // @unchecked: the diff calls `write` from one task at a time; `reports` is behind a Mutex.
        var operations: [PatchOperation] = []
        let reports = Mutex<[DiffProgress]>([])

        func write(_ operation: PatchOperation) async throws { operations.append(operation) }
    }

    @Test(arguments: [0, 1, 40_000])
    func reportsRecordsReadOnEachSideAndFinishes(count: Int) async throws {
        let source = SortedListSource(count: count, skipping: 7)
        let destination = SortedListSource(count: count + 3, skipping: nil)
        let collector = Collector()
        let differ = Differ(selection: .default) { progress in collector.reports.withLock { $0.append(progress) } }
        let summary = try await differ.diff(source, against: destination, into: collector)
        let reports = collector.reports.withLock { $0 }
        let last = try #require(reports.last)
        #expect(last.isFinished)
        #expect(last.sourceRecords == summary.sourceCount)
        #expect(last.destinationRecords == summary.destinationCount)
        #expect(last.total == nil)
        #expect(reports.dropLast().allSatisfy { !$0.isFinished && $0.done <= last.done })
        // The destination holds every source id: the merge takes one step per destination record.
        #expect(reports.count == 1 + summary.destinationCount / Differ.progressInterval)
    }

    @Test func totalsComeFromSourcesThatKnowThem() {
        var progress = DiffProgress()
        progress.sourceRecords = 3
        progress.destinationRecords = 4
        progress.sourceTotal = 10
        #expect(progress.done == 7)
        #expect(progress.total == nil)
        progress.destinationTotal = 12
        #expect(progress.total == 22)
    }

    /// The checksum buffers hashes before hashing them; it must equal SHA-256 over all 16-byte hashes in order,
    /// whose first 16 bytes are the ``RecordHash`` of their concatenation.
    @Test(arguments: [0, 1, 255, 256, 257, 1_000])
    func checksumIsSHA256OverTheHashesInOrder(count: Int) throws {
        var checksum = RecordChecksum()
        var concatenated: [UInt8] = []
        for index in 0..<count {
            let hash = RecordHash(hashing: Array("record \(index)".utf8))
            checksum.add(hash)
            concatenated += hash.bytes
        }
        let text = checksum.finalize()
        #expect(text.hasPrefix("sha256:" + RecordHash(hashing: concatenated).hex))
        #expect(text.count == 7 + 64)
        #expect(checksum.finalize() == text)
    }

    @Test func jsonProgressNamesBothSides() {
        let recorder = TransferProgressTests.Recorder()
        let reporter = recorder.reporter(.json)
        recorder.now.withLock { $0 = 2 }
        reporter.update(done: 30, total: nil, phase: "diff", sides: (20, 10))
        reporter.finish()
        let lines = recorder.text.withLock { $0 }.split(separator: "\n").map(String.init)
        #expect(lines.first == #"{"destination":10,"done":30,"elapsed_ms":2000,"phase":"diff","rate":15,"source":20}"#)
        #expect(lines.last?.contains(#""phase":"done""#) == true)
        #expect(lines.last?.contains(#""source":20"#) == true)
    }

    @Test func syncDiffWritesJSONProgressToStandardError() async throws {
        try await withTemporaryDirectory { dir in
            let source = SyncGoldenTests.source
            try source.write(to: dir.appendingPathComponent("a.jsonl"), atomically: true, encoding: .utf8)
            let destination = SyncGoldenTests.destination
            try destination.write(to: dir.appendingPathComponent("b.jsonl"), atomically: true, encoding: .utf8)
            let result = await runSync(["sync", "diff", "a.jsonl", "b.jsonl", "--progress=json"], in: dir)
            #expect(result.status == .differences)
            let last = try #require(result.err.split(separator: "\n").last.map(String.init))
            #expect(last.hasPrefix(#"{"destination":3,"done":6,"#))
            #expect(last.contains(#""phase":"done""#))
            #expect(last.hasSuffix(#""source":3}"#))
            let quiet = await runSync(["sync", "diff", "a.jsonl", "b.jsonl"], in: dir)
            #expect(!quiet.err.contains("phase"))
        }
    }

    @Test func barShowsBothSides() {
        let recorder = TransferProgressTests.Recorder()
        let reporter = recorder.reporter(.bar)
        recorder.now.withLock { $0 = 1 }
        reporter.update(done: 3_000, total: nil, phase: "diff", sides: (2_000, 1_000))
        #expect(recorder.text.withLock { $0 }.contains("3,000 records (2,000 + 1,000)  3,000 rec/s  diff"))
    }
}

/// Records `r000000`, `r000001`, … in id order, optionally without one.
private final class SortedListSource: RecordSource {
    let endpoint = "list"
    let models = ["m"]
    private let count: Int
    private let skipping: Int?
    private var index = 0

    init(count: Int, skipping: Int?) {
        self.count = count
        self.skipping = skipping
    }

    func next() async throws -> ModelRecord? {
        if index == skipping { index += 1 }
        guard index < count else { return nil }
        defer { index += 1 }
        let id = String(index)
        let padded = "r" + String(repeating: "0", count: 6 - id.count) + id
        return ModelRecord(model: "m", record: try CanonicalRecord(json: #"{"id":"\#(padded)","n":1}"#))
    }
}
