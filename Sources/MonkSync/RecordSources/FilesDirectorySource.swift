import MonkCore

/// Records of a `files` directory (DESIGN.md §8): `dir/<id>.json` for one model, `dir/<model>/<id>.json` for
/// several, read in id order.
///
/// Only the file names of one model are held in memory, sorted by id (the name without `.json`); each file
/// is read when its turn comes. A file whose `id` differs from its name is an error, since the name is what
/// orders the directory.
final class FilesDirectorySource: RecordSource {
    let endpoint: String
    let models: [String]
    private let folders: [(model: String, path: String)]
    private var canonicalizer: RecordCanonicalizer
    private var folderIndex = 0
    private var ids: [String] = []
    private var idIndex = 0

    /// - Parameter folders: each model's folder, sorted by model name; a folder that does not exist is empty.
    init(endpoint: String, folders: [(model: String, path: String)], selection: FieldSelection) {
        self.endpoint = endpoint
        self.folders = folders
        models = folders.map(\.model)
        canonicalizer = RecordCanonicalizer(selection: selection)
    }

    func next() async throws -> ModelRecord? {
        while idIndex >= ids.count {
            guard folderIndex < folders.count else { return nil }
            ids = try DirectoryListing.recordIDs(in: folders[folderIndex].path)
            idIndex = 0
            folderIndex += 1
        }
        let folder = folders[folderIndex - 1]
        let id = ids[idIndex]
        idIndex += 1
        let path = DirectoryListing.join(folder.path, id + ".json")
        let record: CanonicalRecord
        do {
            record = try canonicalizer.record(from: try FileReader.contents(of: path))
        } catch let error as RecordError {
            throw SyncError(code: .invalidData, message: "\(path): \(error.message)")
        }
        guard record.id.utf8.elementsEqual(id.utf8) else {
            throw SyncError(code: .invalidData, message: "\(path): id '\(record.id)' does not match the file name")
        }
        return ModelRecord(model: folder.model, record: record)
    }
}

/// Runs several single-model sources one after the other (the `jsonl` layout: `dir/<model>.jsonl`).
final class ChainedRecordSource: RecordSource {
    let endpoint: String
    let models: [String]
    private var pending: [() throws -> any RecordSource]
    private var current: (any RecordSource)?

    /// - Parameter openers: one per model, in model order; each opens its source when its turn comes.
    init(endpoint: String, models: [String], openers: [() throws -> any RecordSource]) {
        self.endpoint = endpoint
        self.models = models
        pending = openers
    }

    func next() async throws -> ModelRecord? {
        while true {
            if let current, let item = try await current.next() { return item }
            guard !pending.isEmpty else { return nil }
            current = try pending.removeFirst()()
        }
    }
}
