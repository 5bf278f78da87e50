import Foundation
import MonkCore
import Testing

@testable import MonkSync

/// ``PrefetchingRecordSource`` hands over exactly what the wrapped source yields, in order, errors included,
/// and stops its reading thread when released.
@Suite struct PrefetchingRecordSourceTests {
    @Test(arguments: [(0, 3, 1), (1, 3, 2), (3, 3, 2), (7, 3, 2), (100, 3, 1), (1000, 256, 4)])
    func yieldsTheSourceRecordsInOrder(count: Int, batchSize: Int, depth: Int) async throws {
        let records = try ListSource.records(count)
        let source = PrefetchingRecordSource(ListSource(records), batchSize: batchSize, depth: depth)
        #expect(source.endpoint == "list")
        #expect(source.models == ["m"])
        var read: [ModelRecord] = []
        while let item = try await source.next() { read.append(item) }
        #expect(read == records)
        #expect(try await source.next() == nil)
    }

    @Test(arguments: [0, 1, 5, 6, 20])
    func passesAnErrorOnAfterTheRecordsBeforeIt(failingAt index: Int) async throws {
        let records = try ListSource.records(20)
        let source = PrefetchingRecordSource(ListSource(records, failingAt: index), batchSize: 5, depth: 2)
        var read: [ModelRecord] = []
        await #expect(throws: SyncError.self) {
            while let item = try await source.next() { read.append(item) }
        }
        #expect(read == Array(records.prefix(index)))
    }

    @Test func releasingTheSourceStopsTheReadingThread() async throws {
        let released = ReleaseFlag()
        var source: PrefetchingRecordSource? = PrefetchingRecordSource(
            ListSource(try ListSource.records(10_000), released: released),
            batchSize: 4,
            depth: 1
        )
        #expect(try await source?.next()?.id == "r00000")
        source = nil
        let deadline = Date().addingTimeInterval(10)
        while !released.isSet && Date() < deadline { await Task.yield() }
        #expect(released.isSet)
    }

    @Test func wrapsOnlySourcesThatReadWithoutSuspending() throws {
        let blocking: any RecordSource = ListSource(try ListSource.records(1))
        #expect(PrefetchingRecordSource.wrapping(blocking) is PrefetchingRecordSource)
        let empty: any RecordSource = EmptyRecordSource(model: "m")
        #expect(PrefetchingRecordSource.wrapping(empty) === empty)
    }
}

/// Records from a list, read "blockingly"; optionally failing at one index, and flagging its release.
private final class ListSource: BlockingRecordSource {
    let endpoint = "list"
    let models = ["m"]
    private let records: [ModelRecord]
    private let failingAt: Int?
    private let released: ReleaseFlag?
    private var index = 0

    init(_ records: [ModelRecord], failingAt: Int? = nil, released: ReleaseFlag? = nil) {
        self.records = records
        self.failingAt = failingAt
        self.released = released
    }

    deinit { released?.set() }

    static func records(_ count: Int) throws -> [ModelRecord] {
        try (0..<count).map { index in
            let id = "r" + String(repeating: "0", count: 5 - String(index).count) + String(index)
            return ModelRecord(model: "m", record: try CanonicalRecord(json: #"{"id":"\#(id)","n":\#(index)}"#))
        }
    }

    func next() async throws -> ModelRecord? { try nextBlocking() }

    func nextBlocking() throws -> ModelRecord? {
        if index == failingAt { throw SyncError(code: .invalidData, message: "list: line \(index + 1): broken") }
        guard index < records.count else { return nil }
        index += 1
        return records[index - 1]
    }
}

/// A flag set from another thread.
private final class ReleaseFlag: @unchecked Sendable {
    // @unchecked: the one mutable field is guarded by `lock`.
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    func set() { lock.withLock { value = true } }
}
