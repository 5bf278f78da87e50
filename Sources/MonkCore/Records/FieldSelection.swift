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

    package init(fields: [String]? = nil, ignoreFields: [String] = [], compareSystemFields: Bool = false) {
        self.fields = fields
        self.ignoreFields = ignoreFields
        self.compareSystemFields = compareSystemFields
        keptPaths = fields.map { $0.map(Self.path) }
        ignoredPaths = ignoreFields.map(Self.path)
        systemPatterns = compareSystemFields ? [] : Self.systemFieldPatterns.map(Pattern.init)
    }

    /// Whether every path has a single segment, so selection only ever drops whole top-level members.
    var isTopLevelOnly: Bool {
        (keptPaths ?? []).allSatisfy { $0.count == 1 } && ignoredPaths.allSatisfy { $0.count == 1 }
    }

    /// Whether the selection keeps everything.
    var keepsEverything: Bool { keptPaths == nil && ignoredPaths.isEmpty && systemPatterns.isEmpty }

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

extension [[FieldSelection.Pattern]] {
    /// The tails of the multi-segment paths whose first segment matches `key`, or `nil` when there are none.
    fileprivate func nestedPaths(under key: [UInt8]) -> [[FieldSelection.Pattern]]? {
        let tails = filter { $0.count > 1 && $0[0].matches(key) }.map { [FieldSelection.Pattern]($0.dropFirst()) }
        return tails.isEmpty ? nil : tails
    }
}
