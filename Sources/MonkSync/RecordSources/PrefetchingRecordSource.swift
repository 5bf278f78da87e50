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

    /// Appends the next record to `batch`; `false` at the end. A record that fails is not appended.
    ///
    /// - Throws: what ``nextBlocking()`` throws.
    func appendNext(to batch: inout RecordBatch) throws -> Bool
}

extension BlockingRecordSource {
    /// Appends a copy of what ``nextBlocking()`` yields.
    func appendNext(to batch: inout RecordBatch) throws -> Bool {
        guard let record = try nextBlocking() else { return false }
        batch.append(record)
        return true
    }
}

/// Reads a ``BlockingRecordSource`` ahead on its own thread and hands its records over in batches
/// (DESIGN.md §6: "two sources are read in parallel").
///
/// Each batch is a ``RecordBatch``: the records' bytes in one buffer, so the reading thread allocates per batch,
/// not per record. ``next()`` builds one ``ModelRecord`` at a time from it; the ``Differ`` takes whole batches
/// (``nextBatch()``). The reading thread stays at most `depth` batches ahead, so memory holds about
/// `depth × batchSize` records per side. Records and errors arrive in the order the wrapped source produced them; after an error or the
/// end, the thread exits. Releasing the prefetching source stops the thread at its next batch boundary.
///
/// ```swift
/// let source = PrefetchingRecordSource.wrapping(try opener.open(endpoint))
/// while let item = try await source.next() { … }
/// ```
final class PrefetchingRecordSource: RecordSource {
    let endpoint: String
    let models: [String]
    private let channel: HandOverChannel<RecordBatch>
    // Unchecked: only the consumer (the merge-join, one record at a time) touches the batch; checking each
    // access dynamically cost more than taking the record.
    @exclusivity(unchecked) private var batch = RecordBatch()
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
        channel = HandOverChannel(depth: max(depth, 1))
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

    func next() async throws -> ModelRecord? {
        if index >= batch.count {
            guard let next = try await nextBatch() else { return nil }
            batch = next
        }
        index += 1
        return batch.record(at: index - 1)
    }

    /// The records not yet taken, a batch at a time, or `nil` at the end; what ``next()`` would yield one by
    /// one, without building a ``ModelRecord`` for each (the merge-join compares them in place).
    ///
    /// - Throws: what the wrapped source throws, after the records read before the failure.
    func nextBatch() async throws -> RecordBatch? {
        if index < batch.count {
            let rest = batch.suffix(from: index)
            (batch, index) = (RecordBatch(), 0)
            return rest
        }
        (batch, index) = (RecordBatch(), 0)
        if isFinished { return nil }
        switch await channel.take() {
        case .records(let records):
            return records
        case .end:
            isFinished = true
            return nil
        case .failure(let error):
            isFinished = true
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
    func pump(into channel: HandOverChannel<RecordBatch>, batchSize: Int) {
        // About 512 bytes a record: a batch rarely grows its buffer.
        func empty() -> RecordBatch { RecordBatch(reservingRecords: batchSize, bytes: batchSize << 9) }
        var batch = empty()
        do {
            while try source.appendNext(to: &batch) {
                if batch.count == batchSize {
                    guard channel.put(.records(batch)) else { return }
                    batch = empty()
                }
            }
            if batch.count > 0 { guard channel.put(.records(batch)) else { return } }
            _ = channel.put(.end)
        } catch {
            if batch.count > 0 { guard channel.put(.records(batch)) else { return } }
            _ = channel.put(.failure(error))
        }
    }
}
