import MonkCore

/// Opens local endpoints as record sources, remembering what cannot be read twice.
///
/// Standard input is spilled once and replayed on every later open, and an endpoint that turned out unsorted
/// is reopened indexed, so ``restartingWhenUnsorted(_:)`` can run a diff again after `.unsorted`.
package final class SourceOpener {
    /// What the records' hashes compare.
    package let selection: FieldSelection
    /// The models to read from multi-model directories, or `nil` for all (`-s/--schema`).
    package let scope: [String]?
    /// While on, sorted JSONL files' readers leave records' hashes to the diff (see ``HashDeferral``); other
    /// sources hash as they read.
    package var hashDeferral: HashDeferral?
    private var standardInput: SpillIndex?
    var indexedPaths: Set<String> = []

    package init(selection: FieldSelection, scope: [String]? = nil) {
        self.selection = selection
        self.scope = scope.map { $0.sorted(by: JSONObject.precedes) }
    }

    /// Opens `endpoint` for reading.
    ///
    /// - Throws: ``SyncError`` `.notFound` for a missing file or directory, `.invalidData` for bad records.
    package func open(_ endpoint: LocalEndpoint) throws -> any RecordSource {
        switch endpoint {
        case .standardStream(let model):
            let index =
                try standardInput
                ?? SpillIndex(reading: JSONLRecordReader(file: FileReader(standardInput: ()), selection: selection))
            standardInput = index
            return IndexedRecordSource(endpoint: "-", model: model ?? "", index: index)
        case .jsonlFile(let path, let model):
            return try openJSONL(path: path, model: model, endpoint: path, deferral: hashDeferral)
        case .directory(let path):
            guard DirectoryListing.isDirectory(path) else { throw SyncError.notFound(path) }
            return try openDirectory(path)
        }
    }

    private func openJSONL(
        path: String,
        model: String,
        endpoint: String,
        deferral: HashDeferral? = nil
    ) throws -> any RecordSource {
        if indexedPaths.contains(endpoint) {
            let reader = JSONLRecordReader(file: try FileReader(path: path), selection: selection)
            return IndexedRecordSource(endpoint: endpoint, model: model, index: try SpillIndex(reading: reader))
        }
        let reader = JSONLRecordReader(file: try FileReader(path: path), selection: selection, deferral: deferral)
        return JSONLRecordSource(endpoint: endpoint, model: model, reader: reader)
    }

    private func openDirectory(_ path: String) throws -> any RecordSource {
        let contents = try DirectoryListing.contents(of: path)
        var folders = contents.models
        if let scope, !contents.isSingleModel {
            folders = scope.map { model in
                folders.first { $0.model == model }
                    ?? (model, DirectoryListing.join(path, contents.layout == .jsonl ? model + ".jsonl" : model))
            }
        }
        switch contents.layout {
        case .files:
            return FilesDirectorySource(endpoint: path, folders: folders, selection: selection)
        case .jsonl:
            let openers = folders.map { folder in
                { () throws -> any RecordSource in
                    guard FileReader.exists(folder.path) else { return EmptyRecordSource(model: folder.model) }
                    return try self.openJSONL(path: folder.path, model: folder.model, endpoint: path)
                }
            }
            return ChainedRecordSource(endpoint: path, models: folders.map(\.model), openers: openers)
        }
    }
}

/// A model with no records (a scoped model a directory lacks).
final class EmptyRecordSource: RecordSource {
    let endpoint: String
    let models: [String]

    init(model: String) {
        endpoint = model
        models = [model]
    }

    func next() async throws -> ModelRecord? { nil }
}

extension SourceOpener {
    /// Runs `body`, and once more for each endpoint that turns out unsorted, which the next run reads through
    /// an index. `body` must open its sources through this opener each time it runs.
    package func restartingWhenUnsorted<T>(_ body: () async throws -> T) async throws -> T {
        var attempts = 0
        while true {
            do {
                return try await body()
            } catch let error as SyncError where error.code == .unsorted {
                attempts += 1
                guard let endpoint = error.unsortedEndpoint, attempts <= 2 else { throw error }
                indexedPaths.insert(endpoint)
            }
        }
    }
}
