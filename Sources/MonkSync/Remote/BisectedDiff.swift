import MonkClient
import MonkCore

/// A remote ↔ remote diff by checksum bisection (DESIGN.md §6): ``Bisection`` finds the differing ids, only
/// those records are fetched (`POST /api/find` with `id $in`), and the ``Differ`` runs over them, so the
/// patch is exactly the one streaming would write, while the bytes moved scale with the changes.
///
/// Counts come from the checksum answers, and the patch's checksums are segment digests
/// (``DestinationChecksum/segmentDigestPrefix``), which an apply verifies as cheaply as it reads.
struct BisectedDiff {
    let selection: FieldSelection
    let filter: RecordFilter?
    /// Most segments per range and round, and leaf size; `nil` for ``Bisection/factor`` and
    /// ``Bisection/leafSize``.
    var shape: (factor: Int, leafSize: Int)?

    /// Records per `id $in` fetch.
    static let fetchSize = 500
    /// The most differing records a bisection fetches and holds; past it the caller streams both sides,
    /// which keeps memory bounded however much differs (about 50 MB of records at this limit).
    static let fetchLimit = 50_000

    /// Diffs when both ends can be bisected; `nil` when they cannot (a server without `sync-checksum`,
    /// system fields compared, models that do not pair up), and the caller streams instead.
    func run(
        source: RemoteConnection,
        destination: RemoteConnection,
        scope: [String]?,
        into writer: PatchWriter
    ) async throws -> (summary: DiffSummary, sourceModels: [String], destinationModels: [String])? {
        guard source.hasSyncChecksum, destination.hasSyncChecksum, !selection.compareSystemFields else { return nil }
        let left = try await source.models(scope: scope)
        let right = try await destination.models(scope: scope)
        let pairs: [(String, String)]
        if left.count == 1 && right.count == 1 {
            pairs = [(left[0], right[0])]
        } else if left == right {
            pairs = left.map { ($0, $0) }
        } else {
            return nil
        }
        var filterKeys: JSONObject = [:]
        if let filter { filterKeys["where"] = filter.expression }
        if let fields = selection.fields { filterKeys["fields"] = .array(fields.map(JSONValue.string)) }
        if !selection.ignoreFields.isEmpty {
            filterKeys["ignore_fields"] = .array(selection.ignoreFields.map(JSONValue.string))
        }
        var bisection = Bisection(source: source, destination: destination, filterKeys: filterKeys)
        if let shape {
            (bisection.splitFactor, bisection.leafLimit) = shape
            // Batches scale with the cut, so a test's small shape reads its leaves over several batches too.
            bisection.leafBatchSize = 4 * shape.factor
        }
        // Each differing segment holds at least one differing record, fetched from one or both sides.
        bisection.differenceLimit = Self.fetchLimit / 2
        var sourceRecords: [ModelRecord] = []
        var destinationRecords: [ModelRecord] = []
        var sourceDigest = SegmentDigest()
        var destinationDigest = SegmentDigest()
        var fetched = 0
        for (sourceModel, destinationModel) in pairs {
            let outcome: Bisection.Outcome
            do {
                outcome = try await bisection.run(sourceModel: sourceModel, destinationModel: destinationModel)
            } catch let error as TransportError where error.status == 404 && error.serverCode == "NOT_FOUND" {
                return nil
            } catch is BisectionUnavailable {
                return nil
            }
            fetched += outcome.sourceOnly.count + outcome.destinationOnly.count + 2 * outcome.changed.count
            if fetched > Self.fetchLimit { return nil }
            sourceDigest = sourceDigest.combined(with: outcome.sourceDigest)
            destinationDigest = destinationDigest.combined(with: outcome.destinationDigest)
            async let fromSource = fetch(outcome.sourceOnly + outcome.changed, of: sourceModel, from: source)
            async let fromDestination = fetch(
                outcome.destinationOnly + outcome.changed,
                of: destinationModel,
                from: destination
            )
            sourceRecords += try await fromSource
            destinationRecords += try await fromDestination
        }
        var summary = try await Differ(selection: selection).diff(
            ArrayRecordSource(endpoint: source.endpoint.description, models: left, records: sourceRecords),
            against: ArrayRecordSource(
                endpoint: destination.endpoint.description,
                models: right,
                records: destinationRecords
            ),
            into: writer
        )
        summary.sourceCount = sourceDigest.count
        summary.destinationCount = destinationDigest.count
        summary.unchanged = sourceDigest.count - summary.inserts - summary.updates
        summary.sourceChecksum = DestinationChecksum.text(sourceDigest)
        summary.destinationChecksum = DestinationChecksum.text(destinationDigest)
        return (summary, left, right)
    }

    /// The records with these ids, canonical, sorted by id.
    private func fetch(_ ids: [String], of model: String, from side: RemoteConnection) async throws -> [ModelRecord] {
        var records: [ModelRecord] = []
        var start = 0
        let sorted = ids.sorted(by: JSONObject.precedes)
        while start < sorted.count {
            let chunk = sorted[start..<min(sorted.count, start + Self.fetchSize)]
            start += chunk.count
            let body: JSONObject = [
                "where": ["id": ["$in": .array(chunk.map(JSONValue.string))]], "order": ["id asc"],
                "limit": .number(JSONNumber(chunk.count)),
            ]
            for value in try await side.client.find(model, body).records {
                guard case .object(let object) = value else { continue }
                do {
                    records.append(
                        ModelRecord(model: model, record: try CanonicalRecord(object: object, selection: selection))
                    )
                } catch {
                    throw SyncError(code: .invalidData, message: "\(side.endpoint) (\(model)): \(error.message)")
                }
            }
        }
        return records
    }
}

/// Records held in memory, already in (model, id) order: the few records a bisection fetched.
final class ArrayRecordSource: RecordSource {
    let endpoint: String
    let models: [String]
    private var records: ArraySlice<ModelRecord>

    init(endpoint: String, models: [String], records: [ModelRecord]) {
        self.endpoint = endpoint
        self.models = models
        self.records = records.sorted { $0.key < $1.key }[...]
    }

    func next() async throws -> ModelRecord? { records.popFirst() }
}
