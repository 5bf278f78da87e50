import Foundation
import MonkArchive
import MonkCore

/// Reads records to import from a directory or a file, batch by batch (`monk data import`).
///
/// - A directory in the `files` layout: every `*.json` file (one record each), in file-name order; hidden
///   files and other names (`describe.yaml`) are skipped. A directory holding only `<model>.jsonl` is read as
///   that file.
/// - A `.jsonl` file: one record per line.
/// - Any other file: one JSON (or, for `.yaml`/`.yml`, YAML) document, a record object or an array of them.
///
/// Every record must be an object; errors name the file (and line), so a bad input exits 7. The calls block:
/// run them off the cooperative pool.
final class RecordImportSource {
    private enum Pending {
        case files([String])
        case lines(JSONLFileReader)
        case records([JSONValue])
    }

    private var pending: Pending

    /// Opens `path` for model `model`.
    ///
    /// - Throws: ``ArchiveError`` `.notFound` when `path` does not exist, `.invalidData` for a malformed
    ///   document, `.io` when it cannot be read.
    init(path: String, model: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ArchiveError(code: .notFound, message: "\(path): no such file or directory")
        }
        guard isDirectory.boolValue else {
            pending = try Self.open(file: path)
            return
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw ArchiveError(code: .io, message: "\(path): cannot list the directory (\(error))")
        }
        let records = names.filter { !$0.hasPrefix(".") && $0.hasSuffix(".json") }.sorted()
        if records.isEmpty, names.contains("\(model).jsonl") {
            pending = .lines(try JSONLFileReader(path: path + "/\(model).jsonl"))
        } else {
            pending = .files(records.map { path + "/" + $0 })
        }
    }

    private static func open(file path: String) throws -> Pending {
        if path.lowercased().hasSuffix(".jsonl") { return .lines(try JSONLFileReader(path: path)) }
        let source = InputSource.file(path)
        switch try source.parse(source.readBytes()) {
        case .array(let items):
            for (index, item) in items.enumerated() { try requireObject(item, at: "\(path): item \(index)") }
            return .records(items)
        case let value:
            try requireObject(value, at: path)
            return .records([value])
        }
    }

    /// The next at most `size` records; empty when all were read.
    func nextBatch(size: Int) throws -> [JSONValue] {
        var batch: [JSONValue] = []
        switch pending {
        case .records(let records):
            batch = Array(records.prefix(size))
            pending = .records(Array(records.dropFirst(size)))
        case .files(let paths):
            for path in paths.prefix(size) {
                let source = InputSource.file(path)
                let record = try source.parse(source.readBytes())
                try Self.requireObject(record, at: path)
                batch.append(record)
            }
            pending = .files(Array(paths.dropFirst(size)))
        case .lines(let reader):
            while batch.count < size, let line = try reader.next() {
                let record: JSONValue
                do {
                    record = try JSONParser.parse(line.bytes)
                } catch {
                    throw ArchiveError(code: .invalidData, message: "\(reader.path):\(line.number): \(error.message)")
                }
                try Self.requireObject(record, at: "\(reader.path):\(line.number)")
                batch.append(record)
            }
        }
        return batch
    }

    private static func requireObject(_ value: JSONValue, at place: String) throws {
        guard case .object = value else {
            throw ArchiveError(
                code: .invalidData,
                message: "\(place): expected a record object, found \(value.typeName)"
            )
        }
    }
}

// @unchecked: `DataImportCommand` asks for one batch at a time and awaits it before asking again, so no two
// threads ever use the source at once.
extension RecordImportSource: @unchecked Sendable {}
