import Foundation
import MonkCore

/// The local directory `sync pull` writes (DESIGN.md §8): checks that it may be written, lays it out so the
/// patch applier sees the requested layout, and records what was pulled in `.monk.json`.
///
/// A directory with anything in it needs `overwrite`, after which the pull makes it an exact mirror of the
/// source (stale files are the patch's deletes, counted and guarded by `--max-delete`).
///
/// ```swift
/// let directory = PullDirectory(path: "/backup/acme", layout: .jsonl)
/// let endpoint = try directory.prepare(models: ["orders", "users"], isMultiModel: true, overwrite: false)
/// ```
package struct PullDirectory: Sendable {
    /// The directory.
    package let path: String
    package let layout: DirectoryLayout

    package init(path: String, layout: DirectoryLayout) {
        self.path = path
        self.layout = layout
    }

    /// Whether the directory is missing or holds nothing but hidden files.
    package var isEmpty: Bool {
        (try? DirectoryListing.names(in: path).isEmpty) ?? true
    }

    /// Checks the directory and, when it is empty, creates it and lays out `models`: empty `<model>.jsonl`
    /// files (jsonl) or `<model>/` folders (files with several models).
    ///
    /// - Parameter isMultiModel: whether the source names several models (`t:*`, `t:a,b`), which always get
    ///   `DIR/<model>…` even when only one model exists.
    /// - Returns: the directory as an endpoint to diff against and apply to.
    /// - Throws: ``SyncError`` `.guardStopped` for a non-empty directory without `overwrite`; `.unsupported`
    ///   when it holds another layout or shape; `.io` when it cannot be created.
    package func prepare(models: [String], isMultiModel: Bool, overwrite: Bool) throws(SyncError) -> LocalEndpoint {
        if FileReader.exists(path) && !DirectoryListing.isDirectory(path) {
            throw SyncError(code: .unsupported, message: "\(path): exists and is not a directory")
        }
        let multi = isMultiModel || models.count > 1
        if !isEmpty {
            guard overwrite else {
                throw SyncError(
                    code: .guardStopped,
                    message: "\(path): the directory is not empty; nothing changed (pass --overwrite to make it an "
                        + "exact mirror of the source, removing stale files)"
                )
            }
            let contents = try DirectoryListing.contents(of: path, preferred: layout)
            let shape = contents.layout == .jsonl || !contents.isSingleModel
            if contents.layout != layout || (layout == .files && shape != multi) {
                throw SyncError(
                    code: .unsupported,
                    message: "\(path): holds another layout (\(contents.layout.rawValue), "
                        + "\(contents.isSingleModel ? "one model" : "a folder per model")); pull into an empty "
                        + "directory or match its --layout"
                )
            }
            return .directory(path: path)
        }
        try createDirectory(path)
        for model in models {
            let entry = DirectoryListing.join(path, model)
            switch layout {
            case .jsonl: try AtomicFileWriter(path: entry + ".jsonl").commit()
            case .files where multi: try createDirectory(entry)
            case .files: break
            }
        }
        return .directory(path: path)
    }

    /// What a dry run diffs against: the directory itself when it holds something (checked as ``prepare``
    /// checks it, nothing created), else an empty layout in a scratch directory under `temporaryDirectory`,
    /// which the caller removes.
    ///
    /// - Returns: the endpoint, and the scratch directory to remove (or `nil`).
    package func prepareDryRun(
        models: [String],
        isMultiModel: Bool,
        overwrite: Bool,
        temporaryDirectory: String = NSTemporaryDirectory()
    ) throws(SyncError) -> (endpoint: LocalEndpoint, scratch: String?) {
        if !isEmpty {
            return (try prepare(models: models, isMultiModel: isMultiModel, overwrite: overwrite), nil)
        }
        let scratch = DirectoryListing.join(temporaryDirectory, "monk-pull-\(UUID().uuidString)")
        let name = DirectoryListing.modelName(ofDirectory: path)
        let shadow = PullDirectory(path: DirectoryListing.join(scratch, name.isEmpty ? "pull" : name), layout: layout)
        return (try shadow.prepare(models: models, isMultiModel: isMultiModel, overwrite: false), scratch)
    }

    /// Writes `DIR/.monk.json`: the source, the time, and each model's record count and checksum.
    ///
    /// - Throws: ``SyncError`` `.io`.
    package func writeManifest(
        source: String,
        pulledAt: String,
        generator: String,
        models: [(model: String, plan: TransferPlan)]
    ) throws(SyncError) {
        let entries: [JSONValue] = models.map { entry in
            [
                "model": .string(entry.model),
                "records": .number(JSONNumber(entry.plan.sourceCount)),
                "checksum": entry.plan.sourceChecksum.map { .string($0) } ?? .null,
            ]
        }
        let value: JSONValue = [
            "source": .string(source), "pulled_at": .string(pulledAt), "generator": .string(generator),
            "layout": .string(layout.rawValue), "models": .array(entries),
            "records": .number(JSONNumber(models.reduce(0) { $0 + $1.plan.sourceCount })),
        ]
        try write(PrettyEncoder().encode(value), to: ".monk.json")
    }

    /// Writes `DIR/<name>` atomically (`describe.yaml`).
    package func write(_ bytes: [UInt8], to name: String) throws(SyncError) {
        let writer = try AtomicFileWriter(path: DirectoryListing.join(path, name))
        try writer.write(bytes)
        try writer.commit()
    }

    private func createDirectory(_ path: String) throws(SyncError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw SyncError(code: .io, message: "\(path): cannot create the directory")
        }
    }
}
