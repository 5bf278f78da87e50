import Foundation
import MonkCore

/// How a local directory stores records (DESIGN.md §8).
package enum DirectoryLayout: String, Sendable, CaseIterable {
    /// `dir/<id>.json` (one model) or `dir/<model>/<id>.json` (several): pretty JSON, one record a file.
    case files
    /// `dir/<model>.jsonl`: canonical lines sorted by id.
    case jsonl
}

/// What a directory holds: its layout and its models, each with the path of its folder or file.
struct DirectoryContents {
    var layout: DirectoryLayout
    /// Whether the `files` layout keeps one model directly in the directory (`dir/<id>.json`).
    var isSingleModel: Bool
    /// Models sorted by name, with their folder (`files`) or file (`jsonl`).
    var models: [(model: String, path: String)]
}

/// Reads directory listings in the order sync needs: names sorted by UTF-8 bytes, hidden entries skipped.
enum DirectoryListing {
    /// Joins a directory path and a name.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The model a single-model directory stands for: its last path component.
    static func modelName(ofDirectory path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
    }

    /// The visible entry names of `path`, or `[]` when it does not exist.
    static func names(in path: String) throws(SyncError) -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }
        } catch {
            throw SyncError(code: .io, message: "\(path): cannot list the directory")
        }
    }

    /// The ids of the `<id>.json` files in `path`, sorted by UTF-8 bytes; `[]` when the folder is missing.
    static func recordIDs(in path: String) throws(SyncError) -> [String] {
        try names(in: path).filter { $0.hasSuffix(".json") && $0.count > 5 }
            .map { String($0.dropLast(5)) }
            .sorted(by: JSONObject.precedes)
    }

    /// Works out the layout and models of an existing directory.
    ///
    /// `.jsonl` files make a `jsonl` directory, sub-folders a multi-model `files` directory, `.json` files
    /// (or nothing) a single-model one named after the directory. `preferred` decides an empty directory.
    ///
    /// - Throws: ``SyncError`` `.invalidData` when the directory mixes layouts.
    static func contents(of path: String, preferred: DirectoryLayout = .files) throws(SyncError) -> DirectoryContents {
        let names = try names(in: path).sorted(by: JSONObject.precedes)
        let jsonl = names.filter { $0.hasSuffix(".jsonl") }
        let json = names.filter { $0.hasSuffix(".json") }
        let folders = names.filter { isDirectory(join(path, $0)) }
        let kinds = [!jsonl.isEmpty, !json.isEmpty, !folders.isEmpty].filter { $0 }.count
        if kinds > 1 {
            throw SyncError(
                code: .invalidData,
                message: "\(path): mixes layouts (.jsonl files, .json files, model folders); keep one"
            )
        }
        if !jsonl.isEmpty || (kinds == 0 && preferred == .jsonl) {
            let models = jsonl.map { (model: String($0.dropLast(6)), path: join(path, $0)) }
            return DirectoryContents(layout: .jsonl, isSingleModel: false, models: models)
        }
        if !folders.isEmpty {
            let models = folders.map { (model: $0, path: join(path, $0)) }
            return DirectoryContents(layout: .files, isSingleModel: false, models: models)
        }
        return DirectoryContents(layout: .files, isSingleModel: true, models: [(modelName(ofDirectory: path), path)])
    }

    /// Whether `path` is an existing directory.
    static func isDirectory(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }

    /// Checks that `id` can be a file name: not empty, no `/` or NUL, not starting with `.`.
    static func checkFileName(_ id: String, model: String) throws(SyncError) {
        if id.hasPrefix(".") || id.contains("/") || id.utf8.contains(0) {
            throw SyncError(
                code: .invalidData,
                message:
                    "\(model)/\(id): this id cannot be a file name in a files directory; use a JSONL file or the jsonl layout"
            )
        }
    }
}
