/// How a patch maps onto a local destination: which model its operations are renamed to, which models are
/// read, and how records are written back.
struct LocalTargetLayout {
    /// The model every operation is renamed to (single-model destinations), or `nil`.
    let rename: String?
    /// The models read from a multi-model directory, or `nil`.
    let scope: [String]?
    private let endpoint: LocalEndpoint
    private let forcedFolders: [(model: String, path: String)]?
    private let writerFactory: () -> any DestinationWriter

    /// Works out the mapping.
    ///
    /// - Parameter patchModels: the models the patch changes (empty for bash-era patches, which have one).
    /// - Throws: ``SyncError`` `.notFound` for a missing file or directory, `.unsupported` for a multi-model
    ///   patch applied to one model (or a model-less patch to several).
    init(_ endpoint: LocalEndpoint, patchModels: [String]) throws(SyncError) {
        self.endpoint = endpoint
        switch endpoint {
        case .standardStream:
            throw SyncError(code: .unsupported, message: "-: a patch needs a file or directory to apply to")
        case .jsonlFile(let path, let model):
            guard FileReader.exists(path) else { throw SyncError.notFound(path) }
            try Self.checkSingle(patchModels, endpoint: path)
            rename = model
            scope = nil
            forcedFolders = nil
            writerFactory = { JSONLDestinationWriter { _ in path } }
        case .directory(let path):
            guard DirectoryListing.isDirectory(path) else { throw SyncError.notFound(path) }
            let contents = try DirectoryListing.contents(of: path)
            let recordIDs = contents.isSingleModel ? try DirectoryListing.recordIDs(in: path) : ["-"]
            let isEmpty = recordIDs.isEmpty
            if contents.isSingleModel && !(isEmpty && patchModels.count > 1) {
                try Self.checkSingle(patchModels, endpoint: path)
                rename = contents.models[0].model
                scope = nil
                forcedFolders = nil
                writerFactory = { FilesDestinationWriter { _ in path } }
                return
            }
            if patchModels.isEmpty {
                throw SyncError(
                    code: .unsupported,
                    message: "\(path): holds several models and the patch names none; apply it to one model's file"
                )
            }
            rename = nil
            scope = patchModels
            if contents.layout == .jsonl {
                forcedFolders = nil
                writerFactory = { JSONLDestinationWriter { DirectoryListing.join(path, $0 + ".jsonl") } }
            } else {
                forcedFolders = isEmpty ? patchModels.map { ($0, DirectoryListing.join(path, $0)) } : nil
                writerFactory = { FilesDestinationWriter { DirectoryListing.join(path, $0) } }
            }
        }
    }

    /// Opens the destination's records in the patch's scope.
    func openSource(_ opener: SourceOpener) throws -> any RecordSource {
        if let forcedFolders {
            return FilesDirectorySource(
                endpoint: endpoint.description,
                folders: forcedFolders,
                selection: opener.selection
            )
        }
        return try opener.open(endpoint)
    }

    /// A writer for the second pass.
    func makeWriter() -> any DestinationWriter { writerFactory() }

    private static func checkSingle(_ models: [String], endpoint: String) throws(SyncError) {
        guard models.count <= 1 else {
            throw SyncError(
                code: .unsupported,
                message: "\(endpoint): holds one model but the patch changes \(models.count) "
                    + "(\(models.joined(separator: ", "))); apply it to a directory"
            )
        }
    }
}
