/// Which fields of a record are compared and hashed (`--fields`, `--ignore-fields`, `--compare-system-fields`).
///
/// Paths are dotted (`address.city`); a segment ending in `*` matches every key with that prefix (`access_*`).
/// Keys that themselves contain a `.` cannot be named. Rules, in order:
/// - `fields` (when given) keeps only the named paths, plus `id`. A path through a value that is not an object
///   selects nothing there.
/// - `ignoreFields` removes the named paths.
/// - Unless `compareSystemFields`, the system fields ``systemFieldPatterns`` are removed at the top level,
///   except those `fields` names explicitly.
/// - `id` is always kept.
///
/// ```swift
/// let selection = FieldSelection(ignoreFields: ["profile.last_seen"])
/// selection.apply(to: record)   // no created_at, updated_at, …, access_*, profile.last_seen
/// ```
package struct FieldSelection: Sendable, Hashable {
    /// The top-level system fields default comparison ignores (DESIGN.md §4).
    package static let systemFieldPatterns = ["created_at", "updated_at", "trashed_at", "deleted_at", "access_*"]

    /// Default comparison: every field except the system fields.
    package static let `default` = FieldSelection()

    /// Compare everything, system fields included.
    package static let everything = FieldSelection(compareSystemFields: true)

    /// The paths to keep, or `nil` for all.
    package let fields: [String]?
    /// The paths to remove.
    package let ignoreFields: [String]
    /// Whether the system fields take part in comparison.
    package let compareSystemFields: Bool

    private let keptPaths: [[Pattern]]?
    private let ignoredPaths: [[Pattern]]
    private let systemPatterns: [Pattern]
    /// The single-segment rules that drop top-level members (explicit ignores, then system fields), flattened.
    private let topLevelDropRules: FlatPatterns

    package init(fields: [String]? = nil, ignoreFields: [String] = [], compareSystemFields: Bool = false) {
        self.fields = fields
        self.ignoreFields = ignoreFields
        self.compareSystemFields = compareSystemFields
        keptPaths = fields.map { $0.map(Self.path) }
        ignoredPaths = ignoreFields.map(Self.path)
        systemPatterns = compareSystemFields ? [] : Self.systemFieldPatterns.map(Pattern.init)
        topLevelDropRules = FlatPatterns(ignoredPaths.filter { $0.count == 1 }.map { $0[0] } + systemPatterns)
        isTopLevelOnly =
            (keptPaths ?? []).allSatisfy { $0.count == 1 } && ignoredPaths.allSatisfy { $0.count == 1 }
        keepsEverything = keptPaths == nil && ignoredPaths.isEmpty && systemPatterns.isEmpty
    }

    /// Whether every path has a single segment, so selection only ever drops whole top-level members (worked
    /// out once: the record hash asks for every record).
    let isTopLevelOnly: Bool

    /// Whether the selection keeps everything.
    let keepsEverything: Bool

    /// The selected part of `object`.
    package func apply(to object: JSONObject) -> JSONObject {
        if keepsEverything { return object }
        var members: [JSONObject.Member] = []
        members.reserveCapacity(object.count)
        for member in object.members {
            let key = Array(member.key.utf8)
            guard key == Self.id || keepsTopLevel(key) else { continue }
            var value = member.value
            if let keptPaths, key != Self.id, !keptPaths.contains(where: { $0.count == 1 && $0[0].matches(key) }) {
                // Kept only for deeper paths: project them, or drop a value they cannot reach into.
                guard let nested = keptPaths.nestedPaths(under: key), case .object(let inner) = value else { continue }
                value = .object(Self.project(inner, onto: nested))
            }
            if let nested = ignoredPaths.nestedPaths(under: key), case .object(let inner) = value {
                value = .object(Self.remove(nested, from: inner))
            }
            members.append((member.key, value))
        }
        return JSONObject(sortedMembers: members)
    }

    /// Whether a top-level member with this (unescaped UTF-8) key survives the single-segment rules; the
    /// per-record hot path of ``RecordCanonicalizer``.
    ///
    /// - Parameters:
    ///   - key: the key's UTF-8 bytes.
    ///   - prefix: its first eight bytes as a big-endian integer, zero-padded (the canonicalizer has it).
    @inline(__always)
    func keepsTopLevel(raw key: UnsafeRawBufferPointer, prefix: UInt64) -> Bool {
        guard keptPaths == nil, let first = key.first else { return keepsTopLevel(key) }
        if !topLevelDropRules.firstBytes.contains(first) { return true }
        if key.count == 2 && first == UInt8(ascii: "i") && key[1] == UInt8(ascii: "d") { return true }
        return !topLevelDropRules.matchesAny(key, prefix: prefix)
    }

    /// Whether a top-level member with this (unescaped UTF-8) key survives the single-segment rules.
    func keepsTopLevel(_ key: some Collection<UInt8>) -> Bool {
        if key.elementsEqual(Self.id) { return true }
        let isNamed = keptPaths?.contains { $0.count == 1 && $0[0].matches(key) } ?? false
        if let keptPaths, !isNamed, !keptPaths.contains(where: { $0.count > 1 && $0[0].matches(key) }) {
            return false
        }
        if ignoredPaths.contains(where: { $0.count == 1 && $0[0].matches(key) }) { return false }
        if !isNamed && systemPatterns.contains(where: { $0.matches(key) }) { return false }
        return true
    }

    // MARK: Paths

    private static let id = Array("id".utf8)

    /// One path segment: a key, or a key prefix when written with a trailing `*`.
    fileprivate struct Pattern: Sendable, Hashable {
        let bytes: [UInt8]
        let isPrefix: Bool

        init(_ segment: some StringProtocol) {
            isPrefix = segment.hasSuffix("*")
            bytes = Array((isPrefix ? segment.dropLast() : segment[...]).utf8)
        }

        func matches(_ key: some Collection<UInt8>) -> Bool {
            isPrefix ? key.starts(with: bytes) : key.elementsEqual(bytes)
        }
    }

    private static func path(_ text: String) -> [Pattern] {
        text.split(separator: ".", omittingEmptySubsequences: false).map(Pattern.init)
    }

    /// Keeps the members of `object` the `paths` (relative to it) name.
    private static func project(_ object: JSONObject, onto paths: [[Pattern]]) -> JSONObject {
        var result = JSONObject()
        for member in object.members {
            let key = Array(member.key.utf8)
            if paths.contains(where: { $0.count == 1 && $0[0].matches(key) }) {
                result[member.key] = member.value
            } else if let nested = paths.nestedPaths(under: key), case .object(let inner) = member.value {
                result[member.key] = .object(project(inner, onto: nested))
            }
        }
        return result
    }

    /// Removes the members the `paths` (relative to `object`) name.
    private static func remove(_ paths: [[Pattern]], from object: JSONObject) -> JSONObject {
        var result = JSONObject()
        for member in object.members {
            let key = Array(member.key.utf8)
            if paths.contains(where: { $0.count == 1 && $0[0].matches(key) }) { continue }
            if let nested = paths.nestedPaths(under: key), case .object(let inner) = member.value {
                result[member.key] = .object(remove(nested, from: inner))
            } else {
                result[member.key] = member.value
            }
        }
        return result
    }
}

/// Patterns stored in one byte array, so matching a key touches no reference counts.
private struct FlatPatterns: Sendable, Hashable {
    private struct Entry: Sendable, Hashable {
        var start: Int
        var count: Int
        var isPrefix: Bool
        /// The first (up to) eight bytes, big-endian, zero-padded, and the mask that covers them.
        var head: UInt64
        var headMask: UInt64
    }

    private var bytes: [UInt8] = []
    private var entries: [Entry] = []
    /// The first bytes of keys any pattern can match.
    private(set) var firstBytes = ByteSet()

    init(_ patterns: [FieldSelection.Pattern]) {
        for pattern in patterns {
            var head: UInt64 = 0
            var headMask: UInt64 = 0
            for index in 0..<8 {
                head = head << 8 | UInt64(index < pattern.bytes.count ? pattern.bytes[index] : 0)
                headMask = headMask << 8 | (index < pattern.bytes.count ? 0xFF : 0)
            }
            entries.append(
                Entry(
                    start: bytes.count,
                    count: pattern.bytes.count,
                    isPrefix: pattern.isPrefix,
                    head: head,
                    headMask: headMask
                )
            )
            bytes.append(contentsOf: pattern.bytes)
            if let first = pattern.bytes.first { firstBytes.insert(first) } else { firstBytes.insertAll() }
        }
    }

    /// Whether any pattern matches `key`, whose first eight bytes (big-endian, zero-padded) are `prefix`: one
    /// integer compare per pattern, and a byte compare only past the eighth byte.
    func matchesAny(_ key: UnsafeRawBufferPointer, prefix: UInt64) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            entries.withUnsafeBufferPointer { entries in
                for entry in entries where entry.isPrefix ? key.count >= entry.count : key.count == entry.count {
                    guard prefix & entry.headMask == entry.head else { continue }
                    var index = 8
                    while index < entry.count && bytes[entry.start + index] == key[index] { index += 1 }
                    if index >= entry.count { return true }
                }
                return false
            }
        }
    }
}

/// A set of byte values, as four 64-bit words.
private struct ByteSet: Sendable, Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << (byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    mutating func insertAll() { words = (.max, .max, .max, .max) }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let word: UInt64
        switch byte >> 6 {
        case 0: word = words.0
        case 1: word = words.1
        case 2: word = words.2
        default: word = words.3
        }
        return word & (UInt64(1) << (byte & 63)) != 0
    }

    static func == (lhs: ByteSet, rhs: ByteSet) -> Bool {
        lhs.words == rhs.words
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}

extension [[FieldSelection.Pattern]] {
    /// The tails of the multi-segment paths whose first segment matches `key`, or `nil` when there are none.
    fileprivate func nestedPaths(under key: [UInt8]) -> [[FieldSelection.Pattern]]? {
        let tails = filter { $0.count > 1 && $0[0].matches(key) }.map { [FieldSelection.Pattern]($0.dropFirst()) }
        return tails.isEmpty ? nil : tails
    }
}
