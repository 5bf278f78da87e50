import MonkCore
import MonkStore

/// `create-one` and `create-all` over records kept as bytes (``DeferredRecords``): each record is created
/// by ``RecordBytesCreator`` when it can prove the outcome, and by the general path otherwise, with the same
/// order of checks, codes and `record_index` as ``BulkExecutor/run(_:model:raw:)``.
extension BulkExecutor {
    /// The result of the deferred create `name` (`create-one` or `create-all`) on `model`; `raw` is the
    /// operation with a placeholder `data`.
    func createDeferred(
        _ name: String,
        model modelName: String,
        raw: JSONObject,
        records: DeferredRecords
    ) throws -> JSONValue {
        let model = try models.model(modelName, in: tx)
        try tx.authorize(.create, on: model, caller: caller)
        var results: [JSONValue] = []
        results.reserveCapacity(records.count)
        /// Record `position` through the general path.
        func general(_ position: Int) throws -> StoredRecord {
            let body = try records.record(position)
            if !records.isArray {
                var sent = raw
                sent["data"] = body
                try checkAbsent(sent, model)
            }
            return try tx.createRecord(
                body.objectValue ?? [:],
                in: model,
                caller: caller,
                now: now,
                index: records.isArray ? position : nil
            )
        }
        guard TenantTransaction.takesPreparedCreates(model) else {
            for position in 0..<records.count { results.append(object(try general(position))) }
            return records.isArray ? .array(results) : results.first ?? .null
        }
        let writer = try tx.preparedCreateWriter(for: model)
        var creator = creators.take(model, authority: caller.authority, records: records)
        defer { creators.put(creator, for: model, records: records) }
        if records.isArray && CreatePrefetcher.pays(for: records.count) {
            let prefetcher = CreatePrefetcher(records: records, creator: creator)
            defer { prefetcher.cancel() }
            for position in 0..<records.count {
                guard let (prepared, hash) = prefetcher.next() else {
                    results.append(object(try general(position)))
                    continue
                }
                results.append(object(try writer.create(prepared, hash: hash, now: now)))
            }
            return .array(results)
        }
        for position in 0..<records.count {
            let prepared = records.withRecord(position) { creator.prepare($0, newID: UUIDs.random) }
            guard let prepared else {
                results.append(object(try general(position)))
                continue
            }
            if !records.isArray, prepared.idWasSent { try checkAbsent(raw, model, id: prepared.id) }
            results.append(object(try writer.create(prepared, now: now)))
        }
        guard records.isArray else { return results.first ?? .null }
        return .array(results)
    }
}

/// The ``RecordBytesCreator`` of each model one bulk request creates in, kept between its operations (a
/// creator precomputes its model's slots, and a sync batch sends thousands of `create-one`s).
final class CreatorMemo {
    private var creators: [String: RecordBytesCreator] = [:]

    /// The creator for `model` and the limits of `records`, taken out of the memo (give it back with
    /// ``put(_:for:records:)``).
    func take(_ model: ModelInfo, authority: WriteAuthority, records: DeferredRecords) -> RecordBytesCreator {
        creators.removeValue(forKey: key(model, records))
            ?? RecordBytesCreator(validator: model.validator, authority: authority, options: records.options)
    }

    /// Keeps `creator` for `model`'s next operation with records like `records`.
    func put(_ creator: RecordBytesCreator, for model: ModelInfo, records: DeferredRecords) {
        creators[key(model, records)] = creator
    }

    /// Creators differ by model and by depth limit (a `create-one` record is one level shallower).
    private func key(_ model: ModelInfo, _ records: DeferredRecords) -> String {
        "\(records.options.maximumDepth) \(model.name)"
    }
}
