import Foundation
import MonkCore
import MonkTestSupport
import Testing

@testable import MonkSync

/// The batched merge-join (JSONL files read ahead into ``RecordBatch``es, ids compared as bytes) gives exactly
/// what the record-by-record path gives, and what the general path gives: every line read with
/// ``CanonicalRecord/init(json:selection:)-(String,_)`` and checked with ``OrderCheck``. Operations, counts,
/// checksums and errors (malformed, duplicate and out-of-order lines) must all agree. A diff without checksums,
/// whose readers defer hashes to the join (``HashDeferral``), agrees in everything but the checksums.
@Suite struct DifferBatchTests {
    /// What one diff produced.
    enum Outcome: Hashable {
        case finished([PatchOperation], DiffSummary)
        case failed(code: String, message: String, unsortedEndpoint: String?)

        /// The same outcome without the summary's checksums.
        var withoutChecksums: Outcome {
            guard case .finished(let operations, var summary) = self else { return self }
            summary.sourceChecksum = nil
            summary.destinationChecksum = nil
            return .finished(operations, summary)
        }
    }

    @Test(arguments: 1...200)
    func batchedJoinMatchesTheGeneralPath(seed: Int) async throws {
        let (general, batched, recordByRecord, deferred) = try await Self.outcomes(seed: seed)
        #expect(batched == general, "seed \(seed)")
        #expect(recordByRecord == general, "seed \(seed)")
        #expect(deferred == general.withoutChecksums, "seed \(seed)")
    }

    /// The seeds above reach every case: equal and different files, and each kind of broken line.
    @Test func theSeedsCoverEveryKindOfOutcome() async throws {
        var seen: Set<String> = []
        for seed in 1...200 {
            switch try await Self.outcomes(seed: seed, batchedToo: false).general {
            case .finished(let operations, _): seen.insert(operations.isEmpty ? "equal" : "different")
            case .failed(_, let message, let unsorted):
                if unsorted != nil { seen.insert("unsorted") }
                if message.contains("duplicate id") { seen.insert("duplicate") }
                if message.contains("no \"id\"") { seen.insert("missing id") }
                if message.contains("JSON") || message.contains("expected") { seen.insert("malformed") }
            }
        }
        #expect(seen == ["equal", "different", "unsorted", "duplicate", "missing id", "malformed"])
    }

    /// The general, batched and record-by-record outcomes of one generated pair of files.
    private static func outcomes(
        seed: Int,
        batchedToo: Bool = true
    ) async throws -> (general: Outcome, batched: Outcome?, recordByRecord: Outcome?, deferred: Outcome?) {
        try await withTemporaryDirectory { dir in
            var builder = RecordSetBuilder(seed: seed)
            let (source, destination) = builder.pair()
            var lines = LineSet(seed: seed)
            let a = try lines.write(source, to: dir.appendingPathComponent("a.jsonl").path, builder: &builder)
            let b = try lines.write(destination, to: dir.appendingPathComponent("b.jsonl").path, builder: &builder)
            let selection = seed % 3 == 0 ? FieldSelection(compareSystemFields: true) : .default
            let general = await diff(
                try GeneralSource(path: a, selection: selection),
                try GeneralSource(path: b, selection: selection),
                selection
            )
            guard batchedToo else { return (general, nil, nil, nil) }
            let batched = await diff(
                PrefetchingRecordSource(try jsonl(a, selection), batchSize: 1 + seed % 5, depth: 1 + seed % 2),
                PrefetchingRecordSource(try jsonl(b, selection), batchSize: 1 + seed % 7),
                selection
            )
            let recordByRecord = await diff(try jsonl(a, selection), try jsonl(b, selection), selection)
            // Deferred hashes on one side or both, read ahead or record by record.
            let deferral = HashDeferral()
            let deferredA = try jsonl(a, selection, deferral: deferral)
            let deferredB = try jsonl(b, selection, deferral: seed % 4 == 1 ? nil : deferral)
            let deferred = await diff(
                seed % 5 == 0 ? deferredA : PrefetchingRecordSource(deferredA, batchSize: 1 + seed % 6),
                PrefetchingRecordSource(deferredB, batchSize: 1 + seed % 4),
                selection,
                deferral: deferral
            )
            return (general, batched, recordByRecord, deferred)
        }
    }

    private static func jsonl(
        _ path: String,
        _ selection: FieldSelection,
        deferral: HashDeferral? = nil
    ) throws -> JSONLRecordSource {
        let reader = JSONLRecordReader(file: try FileReader(path: path), selection: selection, deferral: deferral)
        return JSONLRecordSource(endpoint: path, model: "users", reader: reader)
    }

    /// Diffs the two sources; with `deferral`, without checksums and with the readers' deferral.
    static func diff(
        _ source: any RecordSource,
        _ destination: any RecordSource,
        _ selection: FieldSelection,
        deferral: HashDeferral? = nil
    ) async -> Outcome {
        let collector = DiffProgressTests.Collector()
        var differ = Differ(selection: selection)
        differ.needsChecksums = deferral == nil
        differ.hashDeferral = deferral
        do {
            let summary = try await differ.diff(source, against: destination, into: collector)
            return .finished(collector.operations, summary)
        } catch let error as SyncError {
            return .failed(code: "\(error.code)", message: error.message, unsortedEndpoint: error.unsortedEndpoint)
        } catch {
            return .failed(code: "other", message: "\(error)", unsortedEndpoint: nil)
        }
    }
}

/// Writes record sets as sorted JSONL, and for some seeds breaks one line: a duplicate, two lines swapped, a
/// malformed line, a missing id; blank lines keep line numbers honest.
private struct LineSet {
    var generator: SeededGenerator

    init(seed: Int) { generator = SeededGenerator(seed: seed &* 31 &+ 7) }

    mutating func write(_ records: [JSONObject], to path: String, builder: inout RecordSetBuilder) throws -> String {
        let sorted = records.sorted { JSONObject.precedes($0["id"]?.stringValue ?? "", $1["id"]?.stringValue ?? "") }
        var lines = sorted.map { builder.scrambledText($0) }
        if !lines.isEmpty {
            let at = Int.random(in: 0..<lines.count, using: &generator)
            switch Int.random(in: 0..<16, using: &generator) {
            case 0: lines.insert(lines[at], at: at)
            case 1 where at + 1 < lines.count: lines.swapAt(at, at + 1)
            case 2: lines[at] = String(lines[at].dropLast())
            case 3: lines[at] = #"{"name":"no id"}"#
            case 4, 5: lines.insert("  ", at: at)
            default: break
            }
        }
        try lines.map { $0 + "\n" }.joined().write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// A JSONL file read the general way, one ``CanonicalRecord`` and one ``OrderCheck`` per line, as sync read
/// files before batches; not read ahead, so the ``Differ`` takes it record by record.
private final class GeneralSource: RecordSource {
    let endpoint: String
    let models = ["users"]
    private var lines: [Substring]
    private let selection: FieldSelection
    private var index = 0
    private var order = OrderCheck()

    init(path: String, selection: FieldSelection) throws {
        endpoint = path
        self.selection = selection
        let text = try String(contentsOfFile: path, encoding: .utf8)
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
    }

    func next() async throws -> ModelRecord? {
        while index < lines.count {
            index += 1
            let line = lines[index - 1]
            if line.allSatisfy({ $0 == " " }) { continue }
            let record: CanonicalRecord
            do {
                record = try CanonicalRecord(json: String(line), selection: selection)
            } catch {
                throw SyncError.invalidData(endpoint, line: index, error.message)
            }
            let item = ModelRecord(model: "users", record: record)
            do {
                try order.accept(item.key, at: "\(endpoint):\(index)")
            } catch {
                var error = error
                error.unsortedEndpoint = endpoint
                throw error
            }
            return item
        }
        return nil
    }
}
