import Foundation
import MonkArchive
import MonkCore

/// Opens an extract archive (`file.zip`, `file.zip#model`) as a record source: each model's JSONL entry is
/// streamed to a temporary file when its turn comes (checked against the manifest's size and checksum),
/// opened, and unlinked at once (the open descriptor keeps it readable), then read like any sorted JSONL file.
/// A damaged entry leaves no temporary file behind.
enum ArchiveSourceOpener {
    /// - Parameters:
    ///   - model: the model after `#`, or `nil` for every model of the manifest.
    ///   - scope: `-s` models, or `nil`.
    /// - Throws: ``ArchiveError`` for a missing or malformed archive, a model it lacks.
    static func open(path: String, model: String?, selection: FieldSelection, scope: [String]?) throws
        -> any RecordSource
    {
        let archive = try ExtractArchiveReader(path: path)
        var models = model.map { [$0] } ?? archive.models
        if let scope, model == nil { models = models.filter(scope.contains) }
        if let model, !archive.models.contains(model) {
            throw ArchiveError(code: .notFound, message: "\(path): the archive has no model '\(model)'")
        }
        let endpoint = model.map { "\(path)#\($0)" } ?? path
        let openers = models.map { name in
            { () throws -> any RecordSource in
                let temporary = NSTemporaryDirectory() + "/monk-extract-\(UUID().uuidString).jsonl"
                defer { unlink(temporary) }
                try archive.extract(model: name, to: temporary)
                let reader = JSONLRecordReader(file: try FileReader(path: temporary), selection: selection)
                return JSONLRecordSource(endpoint: "\(path)#\(name)", model: name, reader: reader)
            }
        }
        return ChainedRecordSource(endpoint: endpoint, models: models, openers: openers)
    }
}

/// The records of a snapshot file (`file.sqlite#model`, all non-system models without `#`), read in pages
/// of 5,000 by id on a thread of their own, since SQLite calls block.
final class SnapshotRecordSource: RecordSource {
    let endpoint: String
    let models: [String]
    private let snapshot: SnapshotFileReader
    private let selection: FieldSelection
    private var modelIndex = 0
    private var page: [CanonicalRecord] = []
    private var position = 0
    private var after: String?
    private var isModelDone = false
    static let pageSize = 5_000

    /// - Throws: ``ArchiveError`` for a missing or malformed file, a model it lacks.
    init(path: String, model: String?, selection: FieldSelection, scope: [String]?) throws {
        snapshot = try SnapshotFileReader(path: path)
        if let model {
            guard try snapshot.hasModel(model) else {
                throw ArchiveError(code: .notFound, message: "\(path): the snapshot has no model '\(model)'")
            }
            models = [model]
        } else {
            let all = try snapshot.models()
            models = scope.map { scope in all.filter(scope.contains) } ?? all
        }
        endpoint = model.map { "\(path)#\($0)" } ?? path
        self.selection = selection
    }

    func next() async throws -> ModelRecord? {
        while modelIndex < models.count {
            let model = models[modelIndex]
            if position < page.count {
                position += 1
                return ModelRecord(model: model, record: page[position - 1])
            }
            if isModelDone {
                modelIndex += 1
                (isModelDone, after, page, position) = (false, nil, [], 0)
                continue
            }
            page = try await fetch(model: model, after: after)
            position = 0
            after = page.last?.id
            isModelDone = page.count < Self.pageSize
        }
        return nil
    }

    /// One page, read and canonicalized on a dispatch queue (off the cooperative pool).
    private func fetch(model: String, after: String?) async throws -> [CanonicalRecord] {
        let snapshot = snapshot
        let selection = selection
        let place = "\(snapshot.path)#\(model)"
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Result {
                        var canonicalizer = RecordCanonicalizer(selection: selection)
                        return try snapshot.records(of: model, after: after, limit: Self.pageSize).map { line in
                            do throws(RecordError) {
                                return try canonicalizer.record(from: line)
                            } catch {
                                throw SyncError(code: .invalidData, message: "\(place): \(error.message)")
                            }
                        }
                    }
                )
            }
        }
    }
}
