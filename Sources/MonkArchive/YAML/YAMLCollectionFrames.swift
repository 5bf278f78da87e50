import MonkCore

/// Why a collection could not be finished; the builder adds the source name.
struct YAMLFrameFailure: Error {
    var message: String
    var mark: YAMLMark
}

/// A sequence being read: its items so far.
///
/// A class, so the builder appends in place rather than copying the items out of its stack.
final class YAMLSequenceFrame {
    let anchor: String?
    let mark: YAMLMark
    /// The builder's node count when the sequence started, to size its anchor.
    let startCount: Int
    private(set) var items: [JSONValue] = []
    /// The largest collection height among the items.
    private(set) var height = 0

    init(anchor: String?, mark: YAMLMark, startCount: Int) {
        self.anchor = anchor
        self.mark = mark
        self.startCount = startCount
    }

    func append(_ value: JSONValue, height: Int) {
        items.append(value)
        self.height = max(self.height, height)
    }
}

/// A mapping being read: keys converted to their scalar text, values, and `<<` merge sources.
///
/// Duplicate keys are detected when the mapping ends by sorting its keys by UTF-8 bytes (the order
/// ``JSONObject`` keeps), so reading a large mapping costs O(n log n), not O(n²).
final class YAMLMappingFrame {
    private struct Member {
        var key: String
        var value: JSONValue
        var mark: YAMLMark
    }

    let anchor: String?
    let mark: YAMLMark
    let startCount: Int
    private(set) var height = 0
    private var members: [Member] = []
    private var pendingKey: (text: String, isMerge: Bool, mark: YAMLMark)?
    private var merges: [JSONObject] = []
    private var mergeMark: YAMLMark?

    init(anchor: String?, mark: YAMLMark, startCount: Int) {
        self.anchor = anchor
        self.mark = mark
        self.startCount = startCount
    }

    /// Whether the next node is a key (else it is the value of the pending key).
    var expectsKey: Bool { pendingKey == nil }

    func setKey(_ text: String, isMerge: Bool, mark: YAMLMark) {
        pendingKey = (text, isMerge, mark)
    }

    /// Stores the value of the pending key; a `<<` key's value must be a mapping or a list of mappings.
    func setValue(_ value: JSONValue, height: Int) throws(YAMLFrameFailure) {
        guard let key = pendingKey else { return }
        pendingKey = nil
        self.height = max(self.height, height)
        guard key.isMerge else {
            members.append(Member(key: key.text, value: value, mark: key.mark))
            return
        }
        if mergeMark != nil { throw YAMLFrameFailure(message: "duplicate key '<<'", mark: key.mark) }
        mergeMark = key.mark
        switch value {
        case .object(let object):
            merges = [object]
        case .array(let items):
            merges = []
            for item in items {
                guard case .object(let object) = item else {
                    throw YAMLFrameFailure(
                        message: "merge key '<<' needs a mapping or a list of mappings",
                        mark: key.mark
                    )
                }
                merges.append(object)
            }
        default:
            throw YAMLFrameFailure(message: "merge key '<<' needs a mapping or a list of mappings", mark: key.mark)
        }
    }

    /// The finished object: explicit keys (each at most once) win over merged ones, earlier merge sources over
    /// later ones.
    func object() throws(YAMLFrameFailure) -> JSONObject {
        if let key = pendingKey {
            // libyaml always pairs keys with values; an unpaired key would be a builder bug, reported as bad input.
            throw YAMLFrameFailure(
                message: "key '\(YAMLScalarResolver.excerpt(key.text))' has no value",
                mark: key.mark
            )
        }
        let sorted = members.enumerated().sorted { lhs, rhs in
            if lhs.element.key.utf8.elementsEqual(rhs.element.key.utf8) { return lhs.offset < rhs.offset }
            return JSONObject.precedes(lhs.element.key, rhs.element.key)
        }
        for (previous, next) in zip(sorted, sorted.dropFirst())
        where previous.element.key.utf8.elementsEqual(next.element.key.utf8) {
            let key = YAMLScalarResolver.excerpt(next.element.key)
            throw YAMLFrameFailure(message: "duplicate key '\(key)'", mark: next.element.mark)
        }
        members = []
        var object = JSONObject(sortedMembers: sorted.map { ($0.element.key, $0.element.value) })
        for source in merges {
            for member in source {
                if object.hasMember(named: member.key) { continue }
                object[member.key] = member.value
            }
        }
        return object
    }
}

extension JSONObject {
    /// Whether a member named `key` exists (by UTF-8 bytes), whatever its value.
    ///
    /// Not `self[key] != nil`: the subscript's getter in main answers `.null` for a missing key (its
    /// `found ? value : nil` turns `nil` into `JSONValue.null`), so absence must be checked on ``members``.
    fileprivate func hasMember(named key: String) -> Bool {
        var low = 0
        var high = members.count
        while low < high {
            let mid = (low + high) / 2
            let candidate = members[mid].key
            if candidate.utf8.elementsEqual(key.utf8) { return true }
            if JSONObject.precedes(candidate, key) { low = mid + 1 } else { high = mid }
        }
        return false
    }
}
