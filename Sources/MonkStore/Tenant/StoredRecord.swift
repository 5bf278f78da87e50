import MonkCore

/// A record as one row of a model table (DESIGN.md §10): canonical JSON, its hash and the system columns.
///
/// `data` holds the canonical JSON (DESIGN.md §4) of the record's `id` and every field of its model, and nothing
/// else: system fields (`created_at`, `updated_at`, `trashed_at`, `deleted_at`, `access_*`) live only in their
/// columns. So `data` is exactly what `POST /api/find` returns minus the default-ignored fields, and `hash`, the
/// first 16 bytes of its SHA-256, is the record hash that `expect_hash`, `/api/sync/:model/hashes` and the
/// checksum digests use, read from the row and never recomputed.
package struct StoredRecord: Sendable, Equatable {
    /// The record id, a lowercase UUID (also inside `data`).
    package var id: String
    /// Canonical JSON of `id` plus the model's fields.
    package var data: [UInt8]
    /// The DESIGN.md §4 record hash of `data` (16 bytes).
    package var hash: [UInt8]
    /// System timestamps, as API timestamps (`2025-11-22T18:13:42.123Z`).
    package var createdAt: String
    package var updatedAt: String
    package var trashedAt: String?
    package var deletedAt: String?
    /// The record's ACLs (API.md §0.6).
    package var access: AccessLists

    package init(
        id: String,
        data: [UInt8],
        hash: [UInt8],
        createdAt: String,
        updatedAt: String,
        trashedAt: String? = nil,
        deletedAt: String? = nil,
        access: AccessLists = AccessLists()
    ) {
        self.id = id
        self.data = data
        self.hash = hash
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.trashedAt = trashedAt
        self.deletedAt = deletedAt
        self.access = access
    }

    /// The record hash as 32 lowercase hex digits.
    package var hashHex: String { HexEncoding.encode(hash) }
}

/// The four ACL lists of a record (API.md §0.6), each a list of user ids.
package struct AccessLists: Sendable, Equatable {
    package var read: [String] = []
    package var edit: [String] = []
    package var full: [String] = []
    package var deny: [String] = []

    package init(read: [String] = [], edit: [String] = [], full: [String] = [], deny: [String] = []) {
        self.read = read
        self.edit = edit
        self.full = full
        self.deny = deny
    }

    /// Whether all four lists are empty, so the caller's role decides (API.md §0.6).
    package var isEmpty: Bool { read.isEmpty && edit.isEmpty && full.isEmpty && deny.isEmpty }

    /// The lists by their field names, `access_read` … `access_deny`.
    package var fields: [(name: String, ids: [String])] {
        [("access_deny", deny), ("access_edit", edit), ("access_full", full), ("access_read", read)]
    }
}

/// Lowercase hexadecimal text for bytes, and back.
package enum HexEncoding {
    /// `[0xab, 0x01]` → `"ab01"`.
    package static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `"ab01"` → `[0xab, 0x01]`; `nil` unless the text is an even number of lowercase or uppercase hex digits.
    package static func decode(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        guard bytes.count % 2 == 0 else { return nil }
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        var index = 0
        while index < bytes.count {
            guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}
