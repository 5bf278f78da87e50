import Foundation
import MonkCore
import MonkTestSupport
import Testing

@testable import MonkSync

/// A diff without checksums leaves hashing to the join (``HashDeferral``): identical records are never
/// hashed, and when most records differ in bytes (here only in an ignored system field) the join hands
/// hashing back to the readers. Either way the operations are those of a diff that hashes everything.
@Suite struct HashDeferralTests {
    static let count = 12_000

    /// Record `index` of a file, with `stamp` as its ignored `updated_at`; every 97th record's name differs
    /// between the two files when `changed`.
    static func line(_ index: Int, stamp: String, changed: Bool) -> String {
        let id = String(format: "id%06d", index)
        let name = changed && index % 97 == 0 ? "changed \(index)" : "name \(index)"
        return #"{"id":"\#(id)","name":"\#(name)","updated_at":"\#(stamp)"}"#
    }

    @Test(arguments: [false, true])
    func theJoinHashesOnlyWhatItMustAndAgreesWithEagerHashing(stampsDiffer: Bool) async throws {
        try await withTemporaryDirectory { dir in
            let a = dir.appendingPathComponent("a.jsonl").path
            let b = dir.appendingPathComponent("b.jsonl").path
            let stamp = stampsDiffer ? "2026-02-02T00:00:00Z" : "2026-01-01T00:00:00Z"
            try (0..<Self.count).map { Self.line($0, stamp: "2026-01-01T00:00:00Z", changed: false) + "\n" }
                .joined().write(toFile: a, atomically: true, encoding: .utf8)
            try (0..<Self.count).map { Self.line($0, stamp: stamp, changed: true) + "\n" }
                .joined().write(toFile: b, atomically: true, encoding: .utf8)
            let eager = await DifferBatchTests.diff(try source(a), try source(b), .default)
            let deferral = HashDeferral()
            let deferred = await DifferBatchTests.diff(
                try source(a, deferral),
                try source(b, deferral),
                .default,
                deferral: deferral
            )
            #expect(deferred == eager.withoutChecksums)
            guard case .finished(let operations, let summary) = deferred else {
                Issue.record("the diff failed: \(deferred)")
                return
            }
            #expect(operations.count == (Self.count + 96) / 97)
            #expect(summary.sourceChecksum == nil)
            // Identical bytes never need a hash; stamps that differ everywhere stop the deferral.
            #expect(deferral.isOn == !stampsDiffer)
        }
    }

    private func source(_ path: String, _ deferral: HashDeferral? = nil) throws -> PrefetchingRecordSource {
        let reader = JSONLRecordReader(file: try FileReader(path: path), selection: .default, deferral: deferral)
        return PrefetchingRecordSource(JSONLRecordSource(endpoint: path, model: "users", reader: reader))
    }
}
