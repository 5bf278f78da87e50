import Foundation
import MonkArchive
import MonkCore

/// The layouts `monk data export` writes (DESIGN.md §8).
enum RecordExportFormat: String, CaseIterable, Sendable {
    /// `<dir>/<id>.json`: pretty JSON, two spaces, sorted keys, trailing newline (the old monk layout).
    case files
    /// `<dir>/<model>.jsonl`: one canonical record per line, sorted by id.
    case jsonl
    /// `<dir>/<model>.json`: one pretty JSON array.
    case json
    /// `<dir>/<model>.csv`: a header row, nested values as JSON text.
    case csv
    /// `<dir>/<model>.md`: a Markdown table.
    case markdown

    /// The single file of the one-file formats, `nil` for `files`.
    func fileName(model: String) -> String? {
        switch self {
        case .files: nil
        case .jsonl: "\(model).jsonl"
        case .json: "\(model).json"
        case .csv: "\(model).csv"
        case .markdown: "\(model).md"
        }
    }
}

/// Writes exported records page by page into a directory in one ``RecordExportFormat``.
///
/// Every file is written to a temporary file and renamed into place, so a failed export leaves no torn
/// file: `files` writes each record's file whole, `jsonl` streams into one temporary file that ``finish()``
/// renames, and `json`, `csv` and `markdown` (which need every record, for the array or the table's columns)
/// keep the records until ``finish()``. The calls block: run them off the cooperative pool.
final class RecordExporter {
    let directory: String
    let model: String
    let format: RecordExportFormat
    private var jsonl: JSONLFileWriter?
    private var kept: [JSONValue] = []
    private(set) var count = 0

    /// Creates `directory` when needed and prepares the format's writer.
    ///
    /// - Throws: ``ArchiveError`` when the directory or the file cannot be created.
    init(directory: String, model: String, format: RecordExportFormat) throws {
        self.directory = directory
        self.model = model
        self.format = format
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ArchiveError(code: .io, message: "\(directory): cannot create the directory (\(error))")
        }
        if format == .jsonl, let name = format.fileName(model: model) {
            jsonl = try JSONLFileWriter(path: directory + "/" + name)
        }
    }

    /// Writes (or keeps) one page of records, in the order given.
    ///
    /// - Throws: ``ArchiveError`` `.invalidData` for a record without a usable `id` in the `files` layout,
    ///   `.io` when the disk refuses.
    func write(_ records: [JSONValue]) throws {
        switch format {
        case .files:
            for record in records {
                let name = try Self.fileName(of: record, model: model)
                try AtomicFileWriter.write(PrettyEncoder().encode(record), to: directory + "/" + name)
            }
        case .jsonl:
            for record in records { try jsonl?.write(record) }
        case .json, .csv, .markdown:
            kept += records
        }
        count += records.count
    }

    /// Completes the export: renames the JSONL file into place or writes the one-file formats.
    ///
    /// - Returns: the path written (the directory, for `files`).
    func finish() throws -> String {
        guard let name = format.fileName(model: model) else { return directory }
        let path = directory + "/" + name
        switch format {
        case .jsonl: try jsonl?.close()
        case .json: try AtomicFileWriter.write(PrettyEncoder().encode(.array(kept)), to: path)
        case .csv: try AtomicFileWriter.write(Array(RecordTable(kept).csv.utf8), to: path)
        case .markdown: try AtomicFileWriter.write(Array(RecordTable(kept).markdown.utf8), to: path)
        case .files: break
        }
        return path
    }

    /// Drops a JSONL export that did not finish, leaving any earlier file in place.
    func discard() { jsonl?.discard() }

    /// `<id>.json` for a record, refusing ids that are not safe file names (`..`, `/`, empty).
    static func fileName(of record: JSONValue, model: String) throws -> String {
        guard let id = record["id"]?.stringValue, !id.isEmpty, id != ".", id != "..",
            !id.contains("/"), !id.contains("\0")
        else {
            let shown = record["id"].map { $0.canonicalString } ?? "none"
            throw ArchiveError(
                code: .invalidData,
                message: "a \(model) record has no id usable as a file name (id: \(shown))"
            )
        }
        return id + ".json"
    }
}

// @unchecked: `DataExportCommand` hands the exporter one page at a time and awaits each call before making the
// next, so no two threads ever use it at once.
extension RecordExporter: @unchecked Sendable {}
