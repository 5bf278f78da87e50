import MonkClient
import MonkCore

/// The records of one or more models on a server, in (model, id) order, read by keyset pages (DESIGN.md §5).
///
/// Against `monk serve` each page is a JSONL stream of `GET /api/data/:model?order=id&after=…&limit=…`,
/// canonicalized line by line on the transport's thread as it arrives; other servers get `POST /api/find`
/// with `where: {"id": {"$gt": last}}`. The next page is fetched while the current one is consumed, so
/// memory holds two pages. A filter is sent to the server (`where`), never evaluated here.
///
/// ```swift
/// let source = RemoteRecordSource(connection: connection, models: ["users"], selection: .default)
/// while let item = try await source.next() { … }
/// ```
package final class RemoteRecordSource: RecordSource {
    package let endpoint: String
    package let models: [String]
    private let fetcher: PageFetcher
    private var modelIndex = 0
    private var page: [CanonicalRecord] = []
    private var position = 0
    private var pending: Task<[CanonicalRecord], any Error>?
    private var isModelDone = false
    private var order = OrderCheck()

    /// - Parameters:
    ///   - models: the models to read, sorted by UTF-8 bytes.
    ///   - filter: a `where` object sent with every page, or `nil`.
    ///   - pageSize: records per request.
    package init(
        connection: RemoteConnection,
        models: [String],
        selection: FieldSelection,
        filter: JSONValue? = nil,
        pageSize: Int = 10_000
    ) {
        endpoint = connection.endpoint.description
        self.models = models
        fetcher = PageFetcher(connection: connection, selection: selection, filter: filter, pageSize: pageSize)
    }

    deinit { pending?.cancel() }

    package func next() async throws -> ModelRecord? {
        while modelIndex < models.count {
            let model = models[modelIndex]
            if position < page.count {
                let record = page[position]
                position += 1
                try order.accept(RecordKey(model: model, id: record.id), at: "\(endpoint) (\(model))")
                return ModelRecord(model: model, record: record)
            }
            if isModelDone {
                modelIndex += 1
                isModelDone = false
                pending = nil
                page = []
                position = 0
                continue
            }
            let task = pending ?? fetcher.start(model: model, after: nil)
            page = try await task.value
            position = 0
            if page.count < fetcher.pageSize || page.isEmpty {
                isModelDone = true
                pending = nil
            } else {
                pending = fetcher.start(model: model, after: page.last?.id)
            }
        }
        return nil
    }
}

/// Fetches one keyset page of canonical records.
struct PageFetcher: Sendable {
    let connection: RemoteConnection
    let selection: FieldSelection
    let filter: JSONValue?
    let pageSize: Int

    /// Starts fetching the page after `after` (`nil` = the first).
    func start(model: String, after: String?) -> Task<[CanonicalRecord], any Error> {
        Task { try await fetch(model: model, after: after) }
    }

    /// The page of `model` after `after`, canonicalized with ``selection``.
    func fetch(model: String, after: String?) async throws -> [CanonicalRecord] {
        if connection.hasKeysetStreams {
            let collector = PageCollector(selection: selection, place: "\(connection.endpoint) (\(model))")
            let query = DataQuery(order: "id", limit: pageSize, after: after, filter: filter)
            _ = try await connection.client.streamRecords(model, query: query) { line in try collector.take(line) }
            return collector.records
        }
        let records = try await connection.client.findPage(
            model,
            after: after,
            limit: pageSize,
            filter: filter?.objectValue
        )
        return try records.map { value throws(SyncError) in
            guard case .object(let object) = value else {
                throw SyncError(
                    code: .invalidData,
                    message: "\(connection.endpoint) (\(model)): a record is not an object"
                )
            }
            do throws(RecordError) {
                return try CanonicalRecord(object: object, selection: selection)
            } catch {
                throw SyncError(code: .invalidData, message: "\(connection.endpoint) (\(model)): \(error.message)")
            }
        }
    }
}

/// Canonicalizes the lines of one JSONL page.
// @unchecked: `take` runs in the transport's consumer calls, one at a time in order on one thread, and
// `records` is read after `streamRecords` returned (the continuation orders it after them).
private final class PageCollector: @unchecked Sendable {
    private var canonicalizer: RecordCanonicalizer
    private let place: String
    private(set) var records: [CanonicalRecord] = []

    init(selection: FieldSelection, place: String) {
        canonicalizer = RecordCanonicalizer(selection: selection)
        self.place = place
    }

    func take(_ line: UnsafeRawBufferPointer) throws {
        do {
            records.append(try canonicalizer.record(from: line))
        } catch {
            throw SyncError(code: .invalidData, message: "\(place): record \(records.count + 1): \(error.message)")
        }
    }
}
