import MonkCore

/// The direct path (``TransferStream``): a destination that holds nothing gets every source record as an
/// insert, streamed, with no patch in between.
extension Transfer {
    /// The plan of a job whose destination is empty: every source record in scope is an insert; `nil` when the
    /// job has no direct path or its destination holds anything.
    ///
    /// - Throws: what counting the source or probing the destination throws.
    func directPlan(_ job: TransferJob) async throws -> TransferPlan? {
        guard let stream = job.stream, try await stream.isDestinationEmpty() else { return nil }
        var plan = TransferPlan()
        plan.isDirect = true
        plan.sourceCount = try await stream.count()
        plan.inserts = plan.sourceCount
        return plan
    }

    /// Streams the source into the destination; a dry run reports the plan's inserts and writes nothing.
    ///
    /// The outcome's plan carries the records actually read (a writer may have added some since the plan)
    /// and their checksum, for `.monk.json`. On any error the sink is abandoned: a batch in flight is awaited,
    /// nothing more is written, and what was committed stays for the rerun's diff to build on.
    ///
    /// - Throws: ``SyncError``, ``TransportError``, `CancellationError` (Ctrl-C).
    func applyDirect(
        _ job: TransferJob,
        stream: TransferStream,
        plan: TransferPlan,
        onBatch: @escaping TransferJob.BatchHandler
    ) async throws -> TransferOutcome {
        var report = ApplyReport()
        report.isDryRun = isDryRun
        if isDryRun {
            report.inserted = plan.inserts
            return TransferOutcome(label: job.label, plan: plan, applied: report)
        }
        let source = try await stream.openSource()
        let sink = try await stream.openSink(onBatch)
        var checksum = RecordChecksum()
        var count = 0
        do {
            if let batched = source as? StreamedRecordSource {
                // A batch at a time: the same records in the same order, without two calls per record.
                while let records = try await batched.nextBatch() {
                    try Task.checkCancellation()
                    count += records.count
                    for record in records { checksum.add(record.record.hash) }
                    try await sink.write(batch: records)
                }
            } else {
                while let record = try await source.next() {
                    count += 1
                    if count & 4095 == 0 { try Task.checkCancellation() }
                    checksum.add(record.record.hash)
                    try await sink.write(record)
                }
            }
            report.inserted = try await sink.finish()
        } catch {
            await sink.abandon()
            throw error
        }
        var final = plan
        final.sourceCount = count
        final.inserts = count
        final.sourceChecksum = checksum.finalize()
        return TransferOutcome(label: job.label, plan: final, applied: report)
    }
}
