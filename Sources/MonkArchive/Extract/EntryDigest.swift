import Crypto
import Foundation
import MonkCore

/// The size and SHA-256 of an archive entry's bytes as they stream out, checked against the manifest artifact
/// that describes the entry (DESIGN.md §9: `"size"` and `"checksum": "sha256:<hex>"`).
///
/// An artifact without these members is accepted (older archives); one that lists them must match exactly, so
/// a truncated or edited entry is bad input (exit 7), never silently diffed or restored.
struct EntryDigest {
    private var hasher = SHA256()
    private(set) var size = 0

    /// Feeds the next chunk of the entry.
    mutating func update(_ chunk: Data) {
        hasher.update(data: chunk)
        size += chunk.count
    }

    /// Compares what was read with the artifact's `size` and `checksum`.
    ///
    /// - Parameters:
    ///   - artifact: the manifest's artifact object for the entry, or `nil` when the manifest lists none.
    ///   - entry: how messages name the entry (`dump.zip: entry 'users.jsonl'`).
    /// - Throws: ``ArchiveError`` `.invalidData` naming the entry and both values on a mismatch, or when the
    ///   checksum is not `sha256:` followed by 64 hex digits.
    func verify(against artifact: JSONValue?, entry: String) throws(ArchiveError) {
        guard let artifact else { return }
        if let expected = artifact["size"].flatMap(Self.integer), expected != size {
            throw ArchiveError(
                code: .invalidData,
                message: "\(entry) has \(size) bytes but the manifest lists \(expected); the archive is damaged"
            )
        }
        guard let listed = artifact["checksum"]?.stringValue else { return }
        let hex = listed.lowercased()
        guard hex.hasPrefix("sha256:"), HexText.isLowercaseHex(hex.dropFirst(7), count: 64) else {
            throw ArchiveError(
                code: .invalidData,
                message: "\(entry): the manifest checksum '\(listed)' is not sha256: and 64 hex digits"
            )
        }
        let actual = "sha256:" + HexText.encode(hasher.finalize())
        guard actual == hex else {
            throw ArchiveError(
                code: .invalidData,
                message:
                    "\(entry) does not match the manifest checksum (manifest \(hex), entry \(actual)); the archive is damaged"
            )
        }
    }

    /// A JSON integer member as an `Int`, or `nil` for any other value.
    private static func integer(_ value: JSONValue) -> Int? {
        guard case .number(let number) = value else { return nil }
        return Int(number.canonical)
    }
}
