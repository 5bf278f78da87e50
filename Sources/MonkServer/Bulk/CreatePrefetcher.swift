import Dispatch
import Glibc
import MonkCore
import MonkStore
import Synchronization

/// Prepares the records of a large `create-all` on a second thread while the transaction's thread inserts
/// them: reading, checking, encoding and hashing a record (``RecordBytesCreator``) costs about half of what
/// SQLite's insert does, and with the two overlapped a request takes about as long as its inserts alone.
///
/// Records come back in order, a chunk at a time; a declined record comes back as `nil`, for the caller's
/// general path. At most ``depth`` chunks wait, so the memory ahead of the inserts stays bounded. Dropping
/// the prefetcher early (an insert failed) must be followed by ``cancel()``, which stops the other thread at
/// its next chunk.
///
/// ```swift
/// let prefetcher = CreatePrefetcher(records: records, creator: creator)
/// defer { prefetcher.cancel() }
/// for position in 0..<records.count { if let (prepared, hash) = prefetcher.next() { … } }
/// ```
final class CreatePrefetcher: Sendable {
    /// A prepared create and its stored bytes' hash, or `nil` for "take the general path".
    typealias Item = (prepared: PreparedCreate, hash: [UInt8])?

    /// Records per chunk.
    static let chunkSize = 1_024
    /// Chunks that may wait ahead of the inserts.
    static let depth = 4

    /// Whether prefetching pays for a request of `count` records: only when there is a second core for it,
    /// and enough records to fill several chunks.
    static func pays(for count: Int) -> Bool {
        count >= 4 * chunkSize && sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1
    }

    private struct Queue: ~Copyable {
        var chunks: [[Item]] = []
        var isCancelled = false
    }

    private let queue = Mutex(Queue())
    /// Signalled once per chunk made.
    private let ready = DispatchSemaphore(value: 0)
    /// Signalled once per chunk taken (and once by ``cancel()``): room for the next.
    private let room = DispatchSemaphore(value: depth)
    /// The consumer's side; touched only by the thread that calls ``next()``.
    private let current = Mutex((chunk: [Item](), position: 0))

    /// Starts preparing `records` with `creator` (a copy; the caller's is left as it was).
    init(records: DeferredRecords, creator: RecordBytesCreator) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            var creator = creator
            var start = 0
            while start < records.count {
                room.wait()
                if queue.withLock({ $0.isCancelled }) { return }
                let end = min(start + Self.chunkSize, records.count)
                var chunk: [Item] = []
                chunk.reserveCapacity(end - start)
                for position in start..<end {
                    let prepared = records.withRecord(position) { creator.prepare($0, newID: UUIDs.random) }
                    chunk.append(prepared.map { ($0, RecordCodec.hash(of: $0.data)) })
                }
                queue.withLock { $0.chunks.append(chunk) }
                ready.signal()
                start = end
            }
        }
    }

    /// The next record's prepared create, waiting for its chunk if the other thread is behind. Call it
    /// exactly once per record, in order.
    func next() -> Item {
        current.withLock { current in
            if current.position == current.chunk.count {
                ready.wait()
                current.chunk = queue.withLock { $0.chunks.removeFirst() }
                current.position = 0
                room.signal()
            }
            defer { current.position += 1 }
            return current.chunk[current.position]
        }
    }

    /// Stops the preparing thread before its next chunk.
    func cancel() {
        queue.withLock { $0.isCancelled = true }
        room.signal()
    }
}
