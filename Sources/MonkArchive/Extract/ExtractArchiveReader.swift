import Foundation
import MonkCore
import ZIPFoundation

/// Reads an extract archive (DESIGN.md §9): `manifest.json`, `describe.yaml` and one `<model>.jsonl` per
/// model, canonical records sorted by id.
///
/// Entries are streamed out of the ZIP (ZIPFoundation, zlib), never held whole in memory.
///
/// ```swift
/// let archive = try ExtractArchiveReader(path: "acme.zip")
/// archive.models                                   // ["account", "contact"]
/// try archive.extract(model: "account", to: "/tmp/account.jsonl")
/// ```
package struct ExtractArchiveReader {
    /// The archive's path.
    package let path: String
    /// The parsed `manifest.json`.
    package let manifest: JSONObject
    /// The models with a data artifact, sorted by UTF-8 bytes.
    package let models: [String]
    private let archive: ZIPFoundation.Archive

    /// Opens the archive and reads its manifest.
    ///
    /// - Throws: ``ArchiveError`` `.notFound` for a missing file, `.invalidData` for a file that is not a ZIP
    ///   or whose manifest is missing or malformed.
    package init(path: String) throws(ArchiveError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ArchiveError(code: .notFound, message: "\(path): no such file or directory")
        }
        self.path = path
        do {
            archive = try ZIPFoundation.Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw ArchiveError(code: .invalidData, message: "\(path): not a readable ZIP archive")
        }
        guard let entry = archive["manifest.json"] else {
            throw ArchiveError(code: .invalidData, message: "\(path): the archive has no manifest.json")
        }
        var bytes: [UInt8] = []
        do {
            _ = try archive.extract(entry) { chunk in bytes.append(contentsOf: chunk) }
        } catch {
            throw ArchiveError(code: .invalidData, message: "\(path): manifest.json cannot be read: \(error)")
        }
        guard case .object(let manifest)? = try? JSONParser.parse(bytes) else {
            throw ArchiveError(code: .invalidData, message: "\(path): manifest.json is not a JSON object")
        }
        self.manifest = manifest
        let artifacts = manifest["artifacts"]?.arrayValue ?? []
        let data = artifacts.compactMap { $0["type"]?.stringValue == "data" ? $0["model"]?.stringValue : nil }
        let listed = data.isEmpty ? (manifest["models"]?.arrayValue ?? []).compactMap(\.stringValue) : data
        models = Array(Set(listed)).sorted(by: JSONObject.precedes)
    }

    /// The entry name of a model's records: the data artifact's `name`, else `<model>.jsonl`.
    package func entryName(of model: String) -> String {
        artifact(of: model)?["name"]?.stringValue ?? model + ".jsonl"
    }

    /// Writes a model's JSONL entry to `destination` (a new file, mode 0600), checking its CRC-32 and, when the
    /// manifest's data artifact lists them, its `size` and `checksum` (`sha256:<hex>` of the entry's bytes).
    ///
    /// - Throws: ``ArchiveError`` `.notFound` for a model the archive lacks, `.unsafeEntryName` for a name
    ///   with a path in it, `.invalidData` for a corrupt entry or one that does not match the manifest, `.io`
    ///   when the file cannot be written.
    package func extract(model: String, to destination: String) throws(ArchiveError) {
        let name = entryName(of: model)
        guard !name.contains("/"), !name.contains("\\"), name != "..", !name.hasPrefix(".") else {
            throw ArchiveError(code: .unsafeEntryName, message: "\(path): entry '\(name)' is not a plain file name")
        }
        guard let entry = archive[name] else {
            throw ArchiveError(code: .notFound, message: "\(path): the archive has no model '\(model)' (\(name))")
        }
        let descriptor = try POSIXFile.openFile(
            destination,
            flags: O_WRONLY | O_CREAT | O_EXCL,
            action: "create"
        )
        defer { POSIXFile.closeFile(descriptor) }
        var digest = EntryDigest()
        var writeError: ArchiveError?
        do {
            _ = try archive.extract(entry) { chunk in
                digest.update(chunk)
                let written = chunk.withUnsafeBytes { bytes in
                    Result { () throws(ArchiveError) in try POSIXFile.writeAll(descriptor, bytes, path: destination) }
                }
                if case .failure(let error) = written {
                    writeError = error
                    throw error
                }
            }
        } catch {
            if let writeError { throw writeError }
            throw ArchiveError(code: .invalidData, message: "\(path): entry '\(name)' cannot be read: \(error)")
        }
        try digest.verify(against: artifact(of: model), entry: "\(path): entry '\(name)'")
    }

    /// The manifest's data artifact of `model`, if it lists one.
    private func artifact(of model: String) -> JSONValue? {
        (manifest["artifacts"]?.arrayValue ?? []).first {
            $0["type"]?.stringValue == "data" && $0["model"]?.stringValue == model
        }
    }
}
