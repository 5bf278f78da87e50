import Foundation
import MonkCore

/// A local endpoint (DESIGN.md §5): a JSONL file, standard input/output, or a directory.
///
/// ```swift
/// try LocalEndpoint(parsing: "backup/users.jsonl#people")   // .jsonlFile(path: "backup/users.jsonl", model: "people")
/// try LocalEndpoint(parsing: "-")                          // .standardStream(model: nil)
/// try LocalEndpoint(parsing: "./backup/")                  // .directory(path: "./backup/")
/// ```
package enum LocalEndpoint: Sendable, Equatable {
    /// One model in a JSONL file; the model is the file's stem unless `#model` names it.
    case jsonlFile(path: String, model: String)
    /// JSONL on standard input (as a source) or standard output.
    case standardStream(model: String?)
    /// A directory in the `files` or `jsonl` layout.
    case directory(path: String)

    /// Reads an endpoint argument.
    ///
    /// An argument is local when it is `-`, starts with `.`, `/` or `~`, contains `/`, ends in `.jsonl`, or
    /// names an existing path. `~` expands to `home`.
    ///
    /// - Throws: ``SyncError`` `.unsupported` for ZIP and SQLite files and for remote endpoints
    ///   (`[server:]tenant:model`), which need a server connection this module does not make yet.
    package init(parsing argument: String, home: String? = nil) throws(SyncError) {
        let (text, fragment) = Self.splitFragment(argument)
        if text == "-" {
            self = .standardStream(model: fragment)
            return
        }
        let path = Self.expandingTilde(text, home: home)
        let lowered = path.lowercased()
        if [".zip", ".sqlite", ".db"].contains(where: { lowered.hasSuffix($0) }) {
            throw SyncError(code: .unsupported, message: "\(argument): ZIP and SQLite endpoints are not supported yet")
        }
        let isDirectory = DirectoryListing.isDirectory(path)
        if isDirectory || (path.hasSuffix("/") && !lowered.hasSuffix(".jsonl")) {
            self = .directory(path: path)
        } else if lowered.hasSuffix(".jsonl") || Self.looksLocal(text) || FileManager.default.fileExists(atPath: path) {
            let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            self = .jsonlFile(path: path, model: fragment ?? stem)
        } else {
            throw SyncError(
                code: .unsupported,
                message: "\(argument): remote endpoints ([server:]tenant:model) are not supported yet; "
                    + "use a JSONL file, a directory or -"
            )
        }
    }

    /// The endpoint as messages and patch headers show it.
    package var description: String {
        switch self {
        case .jsonlFile(let path, _): path
        case .standardStream: "-"
        case .directory(let path): path
        }
    }

    /// Whether `text` has the shape of a local path.
    static func looksLocal(_ text: String) -> Bool {
        text.hasPrefix(".") || text.hasPrefix("/") || text.hasPrefix("~") || text.contains("/")
    }

    /// Splits `file.jsonl#model` (or `file.zip#model`) into the path and the model (`nil` without `#`).
    static func splitFragment(_ argument: String) -> (String, String?) {
        guard let hash = argument.lastIndex(of: "#"), hash != argument.startIndex else { return (argument, nil) }
        let model = String(argument[argument.index(after: hash)...])
        return model.isEmpty || model.contains("/") ? (argument, nil) : (String(argument[..<hash]), model)
    }

    /// `path` with a leading `~` replaced by `home`.
    static func expandingTilde(_ path: String, home: String?) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home else { return path }
        return home + path.dropFirst()
    }
}
