import Foundation

/// A record source whose records come from local reads and parsing that never suspend: a JSONL file.
///
/// ``PrefetchingRecordSource`` calls ``nextBlocking()`` on a thread of its own, so that blocking reads and
/// CPU-bound parsing stay off Swift's cooperative pool and the two sides of a diff are read in parallel.
protocol BlockingRecordSource: RecordSource {
    /// The next record, or `nil` at the end; blocks the calling thread while it reads.
    ///
    /// - Throws: what ``RecordSource/next()`` throws.
    func nextBlocking() throws -> ModelRecord?
}

/// Reads a ``BlockingRecordSource`` ahead on its own thread and hands its records over in batches
/// (DESIGN.md §6: "two sources are read in parallel").
///
/// The reading thread stays at most `depth` batches ahead, so memory holds about `depth × batchSize` records
/// per side. Records and errors arrive in the order the wrapped source produced them; after an error or the
/// end, the thread exits. Releasing the prefetching source stops the thread at its next batch boundary.
///
/// ```swift
/// let source = PrefetchingRecordSource.wrapping(try opener.open(endpoint))
/// while let item = try await source.next() { … }
/// ```
final class PrefetchingRecordSource: RecordSource {
    let endpoint: String
    let models: [String]
    private let channel: RecordBatchChannel
    // Unchecked: only the consumer (the merge-join, one record at a time) touches the batch; checking each
    // access dynamically cost more than taking the record.
    @exclusivity(unchecked) private var batch: [ModelRecord] = []
    @exclusivity(unchecked) private var index = 0
    private var isFinished = false

    /// Starts reading `source` on a new thread; `source` must not be used by anything else afterwards.
    ///
    /// - Parameters:
    ///   - batchSize: records per hand-over.
    ///   - depth: the most batches read ahead.
    init(_ source: any BlockingRecordSource, batchSize: Int = 256, depth: Int = 2) {
        endpoint = source.endpoint
        models = source.models
        channel = RecordBatchChannel(depth: max(depth, 1))
        let reader = HandedOverSource(source: source)
        let channel = channel
        let size = max(batchSize, 1)
        let thread = Thread { reader.pump(into: channel, batchSize: size) }
        thread.name = "monk-read"
        thread.start()
    }

    /// `source` read ahead on its own thread when it can be read without suspending, else `source` itself.
    static func wrapping(_ source: any RecordSource) -> any RecordSource {
        guard let blocking = source as? any BlockingRecordSource else { return source }
        return PrefetchingRecordSource(blocking)
    }

    deinit {
        channel.cancel()
    }

    /// The next record of the batch already handed over, without suspending; `nil` when that batch is used up
    /// (then ``next()`` waits for the next batch, or reports the end).
    func nextReady() -> ModelRecord? {
        guard index < batch.count else { return nil }
        index += 1
        return batch[index - 1]
    }

    func next() async throws -> ModelRecord? {
        if index < batch.count {
            index += 1
            return batch[index - 1]
        }
        if isFinished { return nil }
        switch await channel.take() {
        case .records(let records):
            batch = records
            index = 1
            return records[0]
        case .end:
            isFinished = true
            batch = []
            return nil
        case .failure(let error):
            isFinished = true
            batch = []
            throw error
        }
    }
}

/// The wrapped source, owned by the reading thread from the moment it starts.
// @unchecked because the source is not Sendable: the creating thread hands it over and never touches it again,
// so only the reading thread ever uses it.
private final class HandedOverSource: @unchecked Sendable {
    private let source: any BlockingRecordSource

    init(source: any BlockingRecordSource) {
        self.source = source
    }

    /// Reads the source to its end (or first error) in batches of `batchSize`, stopping when cancelled.
    func pump(into channel: RecordBatchChannel, batchSize: Int) {
        var batch: [ModelRecord] = []
        batch.reserveCapacity(batchSize)
        do {
            while let record = try source.nextBlocking() {
                batch.append(record)
                if batch.count == batchSize {
                    guard channel.put(.records(batch)) else { return }
                    batch = []
                    batch.reserveCapacity(batchSize)
                }
            }
            if !batch.isEmpty { guard channel.put(.records(batch)) else { return } }
            _ = channel.put(.end)
        } catch {
            if !batch.isEmpty { guard channel.put(.records(batch)) else { return } }
            _ = channel.put(.failure(error))
        }
    }
}
