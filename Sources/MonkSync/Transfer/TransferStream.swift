/// The direct path of a ``TransferJob`` whose destination holds nothing: every source record is an insert, so
/// instead of diffing into a patch, filtering it and applying it, the source's records are written straight
/// into the destination (bulk creates, or files) as they are read.
///
/// ``Transfer`` takes this path only when ``isDestinationEmpty`` says so at plan time, so the guards, the
/// dry-run counts and the progress stay exact: an empty destination means no deletes and no updates, and the
/// plan's inserts are the source's count. A rerun after an interruption finds the destination no longer
/// empty and goes through the diff, which sends only what is missing.
///
/// ```swift
/// let stream = TransferStream(
///     isDestinationEmpty: { try await destination.isEmpty() },
///     count: { try await source.count() },
///     openSource: { try await opener.open(sourceEndpoint) },
///     openSink: { onBatch in BulkInsertSink(connection: destination, model: "users", onBatch: onBatch) })
/// ```
package struct TransferStream: Sendable {
    /// Whether the destination holds no record at all (live, trashed, or outside the filter), checked when
    /// the job is planned.
    package var isDestinationEmpty: @Sendable () async throws -> Bool
    /// The number of source records in scope (what the run will insert).
    package var count: @Sendable () async throws -> Int
    /// Opens the source, records in (model, id) order.
    package var openSource: @Sendable () async throws -> any RecordSource
    /// Opens the writer of the destination; it calls `onBatch` with the records committed so far.
    package var openSink: @Sendable (_ onBatch: @escaping TransferJob.BatchHandler) async throws -> any RecordSink

    package init(
        isDestinationEmpty: @escaping @Sendable () async throws -> Bool,
        count: @escaping @Sendable () async throws -> Int,
        openSource: @escaping @Sendable () async throws -> any RecordSource,
        openSink: @escaping @Sendable (_ onBatch: @escaping TransferJob.BatchHandler) async throws -> any RecordSink
    ) {
        self.isDestinationEmpty = isDestinationEmpty
        self.count = count
        self.openSource = openSource
        self.openSink = openSink
    }
}

/// Writes records into a destination that was empty, in the order a ``RecordSource`` yields them.
///
/// What ``finish()`` returns is committed; what an error or ``abandon()`` cuts short leaves only whole
/// committed batches (or whole files) behind, never a part of one.
package protocol RecordSink: AnyObject {
    /// Takes the next record; may send a batch.
    ///
    /// - Throws: what writing a batch throws (``SyncError``, ``TransportError``).
    func write(_ record: ModelRecord) async throws
    /// Takes the next records, in order; the same as writing each (the default), in one call.
    func write(batch records: ArraySlice<ModelRecord>) async throws
    /// Writes what is left and waits until everything is committed.
    ///
    /// - Returns: the records written.
    func finish() async throws -> Int
    /// Stops after an error elsewhere: waits for a batch still in flight and writes nothing more.
    func abandon() async
}

extension RecordSink {
    package func write(batch records: ArraySlice<ModelRecord>) async throws {
        for record in records { try await write(record) }
    }
}
