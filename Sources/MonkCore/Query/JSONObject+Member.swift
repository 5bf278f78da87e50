/// Key lookup that tells an absent key from a JSON `null`.
extension JSONObject {
    /// The value of the member named `key`, or `nil` when there is no such member (`.null` when it is JSON
    /// `null`).
    ///
    /// The where-DSL, find bodies and record validation need the distinction ("absent" means "not sent",
    /// `null` means "clear"). The subscript getter of the skeleton's `JSONObject` yields `.null` for an absent
    /// key (its `nil` literal becomes `JSONValue.null` inside the conditional expression), so code here reads
    /// members through this method.
    package func member(_ key: String) -> JSONValue? {
        var low = 0
        var high = members.count
        while low < high {
            let mid = (low + high) / 2
            let candidate = members[mid].key
            if candidate.utf8.elementsEqual(key.utf8) { return members[mid].value }
            if JSONObject.precedes(candidate, key) { low = mid + 1 } else { high = mid }
        }
        return nil
    }
}
