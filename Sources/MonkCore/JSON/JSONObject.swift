/// A JSON object whose members are kept sorted by the UTF-8 bytes of their keys.
///
/// Sorted storage is the canonical order of DESIGN.md §4, so encoding never sorts again, and lookups are binary
/// searches. Keys compare by UTF-8 bytes (not by Swift's Unicode equivalence), so `"é"` precomposed and
/// decomposed are two different keys, exactly as they are two different byte strings on the wire.
package struct JSONObject: Sendable, Hashable {
    /// One member: a key and its value.
    package typealias Member = (key: String, value: JSONValue)

    /// The members in canonical (UTF-8 byte) key order.
    package private(set) var members: [Member]

    /// An empty object.
    package init() { members = [] }

    /// Builds an object from members that are already sorted by UTF-8 key bytes and free of duplicates.
    ///
    /// The parser uses this after its own duplicate check; a precondition guards the programmer error.
    package init(sortedMembers: [Member]) {
        precondition(
            zip(sortedMembers, sortedMembers.dropFirst()).allSatisfy { JSONObject.precedes($0.key, $1.key) },
            "JSONObject(sortedMembers:) needs strictly increasing keys"
        )
        members = sortedMembers
    }

    package var count: Int { members.count }
    package var isEmpty: Bool { members.isEmpty }
    package var keys: [String] { members.map(\.key) }

    /// The value for `key`, or `nil`; assigning `nil` removes the member.
    package subscript(key: String) -> JSONValue? {
        get {
            let (index, found) = position(of: key)
            // Not `found ? value : nil`: JSONValue is nil-literal expressible, so that `nil` would become `.null`.
            guard found else { return nil }
            return members[index].value
        }
        set {
            let (index, found) = position(of: key)
            switch (found, newValue) {
            case (true, let value?): members[index].value = value
            case (true, nil): members.remove(at: index)
            case (false, let value?): members.insert((key, value), at: index)
            case (false, nil): break
            }
        }
    }

    /// Removes the member named `key` and returns its value, if there was one.
    @discardableResult
    package mutating func removeValue(forKey key: String) -> JSONValue? {
        let (index, found) = position(of: key)
        guard found else { return nil }
        return members.remove(at: index).value
    }

    /// Whether `a` sorts before `b` in canonical order (lexicographic over UTF-8 bytes).
    package static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Binary search: the index where `key` is or would be inserted, and whether it is there.
    private func position(of key: String) -> (Int, Bool) {
        var low = 0
        var high = members.count
        while low < high {
            let mid = (low + high) / 2
            let candidate = members[mid].key
            if candidate.utf8.elementsEqual(key.utf8) { return (mid, true) }
            if JSONObject.precedes(candidate, key) { low = mid + 1 } else { high = mid }
        }
        return (low, false)
    }

    package static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy {
                $0.key.utf8.elementsEqual($1.key.utf8) && $0.value == $1.value
            }
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for member in members {
            for byte in member.key.utf8 { hasher.combine(byte) }
            hasher.combine(member.value)
        }
    }
}

extension JSONObject: Sequence {
    package func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    package init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init()
        for (key, value) in elements { self[key] = value }
    }
}
