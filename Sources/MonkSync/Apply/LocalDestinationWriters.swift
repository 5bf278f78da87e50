import Foundation
import MonkCore

/// Rewrites JSONL files: one file for a JSONL endpoint, or `dir/<model>.jsonl` per model (DESIGN.md §8).
///
/// Every record the destination keeps or gains is written as a canonical line, in id order, to a temporary
/// file per model; ``commit()`` renames them all into place. A model's file is rewritten as soon as the
/// apply touches the model, so a model whose records are all deleted becomes an empty file.
final class JSONLDestinationWriter: DestinationWriter {
    private let fileForModel: (String) -> String
    private var model: String?
    private var current: AtomicFileWriter?
    private var finished: [AtomicFileWriter] = []

    /// - Parameter fileForModel: the JSONL file that holds a model.
    init(fileForModel: @escaping (String) -> String) {
        self.fileForModel = fileForModel
    }

    func keep(_ record: ModelRecord) throws { try put(record) }

    func put(_ record: ModelRecord) throws {
        let writer = try writer(for: record.model)
        try writer.write(record.record.bytes)
        try writer.write(CollectionOfOne(UInt8(ascii: "\n")))
    }

    func remove(_ key: RecordKey) throws { _ = try writer(for: key.model) }

    func commit() throws {
        if let current { finished.append(current) }
        current = nil
        for writer in finished { try writer.commit() }
        finished = []
    }

    /// Removes every temporary file written so far; the models' files stay as they were.
    func discard() {
        current?.discard()
        for writer in finished { writer.discard() }
        current = nil
        finished = []
    }

    private func writer(for model: String) throws(SyncError) -> AtomicFileWriter {
        if let current, self.model == model { return current }
        if let current { finished.append(current) }
        let writer = try AtomicFileWriter(path: fileForModel(model))
        self.model = model
        current = writer
        return writer
    }
}

/// Writes a `files` directory: `dir/<id>.json` (one model) or `dir/<model>/<id>.json`, each record as pretty
/// JSON (2 spaces, sorted keys, trailing newline) through a temporary file and a rename (DESIGN.md §8).
final class FilesDestinationWriter: DestinationWriter {
    private let folderForModel: (String) -> String

    /// - Parameter folderForModel: the folder that holds a model's files (created when missing).
    init(folderForModel: @escaping (String) -> String) {
        self.folderForModel = folderForModel
    }

    func keep(_ record: ModelRecord) throws {}

    func put(_ record: ModelRecord) throws {
        try DirectoryListing.checkFileName(record.id, model: record.model)
        let folder = folderForModel(record.model)
        if !DirectoryListing.isDirectory(folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw SyncError(code: .io, message: "\(folder): cannot create the directory")
            }
        }
        let value = try JSONParser.parse(record.record.bytes)
        let writer = try AtomicFileWriter(path: DirectoryListing.join(folder, record.id + ".json"))
        try writer.write(PrettyEncoder().encode(value))
        try writer.commit()
    }

    func remove(_ key: RecordKey) throws {
        try DirectoryListing.checkFileName(key.id, model: key.model)
        let path = DirectoryListing.join(folderForModel(key.model), key.id + ".json")
        guard unlink(path) == 0 || errno == ENOENT else {
            throw SyncError(code: .io, message: "\(path): cannot remove the file: \(FileReader.reason(errno))")
        }
    }

    func commit() throws {}
}
