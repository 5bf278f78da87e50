import MonkCore

/// The field-level part of an update (DESIGN.md §6): changed and added top-level fields with their new
/// values, and removed fields listed by name (with `null` in `patch`).
///
/// A field counts as changed when its *compared* value differs (after ``FieldSelection``), but `patch`
/// carries the field's whole new value, so applying it makes the compared fields equal and leaves fields
/// the patch does not name untouched.
///
/// ```swift
/// let change = FieldChange(from: ["id": "u1", "a": 1, "b": 2], to: ["id": "u1", "a": 3], selection: .default)
/// change.patch     // {"a": 3, "b": null}
/// change.removed   // ["b"]
/// ```
package struct FieldChange: Sendable, Hashable {
    /// Changed and added fields with their new values; removed fields as `null`.
    package var patch: JSONObject
    /// The names of removed fields, in key order.
    package var removed: [String]

    package init(patch: JSONObject, removed: [String]) {
        self.patch = patch
        self.removed = removed
    }

    /// The change from `old` to `new`, comparing what `selection` selects.
    package init(from old: JSONObject, to new: JSONObject, selection: FieldSelection) {
        let selectedOld = selection.apply(to: old)
        let selectedNew = selection.apply(to: new)
        var patch = JSONObject()
        var removed: [String] = []
        for key in Self.union(old.keys, new.keys) where selectedOld.member(key) != selectedNew.member(key) {
            if let value = new.member(key) {
                patch[key] = value
            } else {
                patch[key] = .null
                removed.append(key)
            }
        }
        self.init(patch: patch, removed: removed)
    }

    /// Whether the change touches nothing.
    package var isEmpty: Bool { patch.isEmpty }

    /// `record` with the changed fields set and the removed ones dropped.
    package func applied(to record: JSONObject) -> JSONObject {
        var result = record
        for member in patch.members {
            if removed.contains(where: { $0.utf8.elementsEqual(member.key.utf8) }) {
                result.removeValue(forKey: member.key)
            } else {
                result[member.key] = member.value
            }
        }
        return result
    }

    /// The change that restores `old` (the record before this change) on the same fields.
    package func reversed(restoring old: JSONObject) -> FieldChange {
        var patch = JSONObject()
        var removed: [String] = []
        for key in self.patch.keys {
            if let value = old.member(key) {
                patch[key] = value
            } else {
                patch[key] = .null
                removed.append(key)
            }
        }
        return FieldChange(patch: patch, removed: removed)
    }

    /// The keys of both lists, sorted by UTF-8 bytes, without repeats.
    private static func union(_ first: [String], _ second: [String]) -> [String] {
        var result: [String] = []
        var left = first[...]
        var right = second[...]
        while let a = left.first, let b = right.first {
            if a.utf8.elementsEqual(b.utf8) {
                result.append(a)
                left.removeFirst()
                right.removeFirst()
            } else if JSONObject.precedes(a, b) {
                result.append(left.removeFirst())
            } else {
                result.append(right.removeFirst())
            }
        }
        return result + left + right
    }
}
