/// Canonical and pretty text of values, for callers that do not keep an encoder around.
extension JSONValue {
    /// The canonical JSON bytes of this value (DESIGN.md §4); see ``CanonicalEncoder``.
    package var canonicalBytes: [UInt8] { CanonicalEncoder().encode(self) }

    /// The canonical JSON text of this value.
    package var canonicalString: String { String(decoding: canonicalBytes, as: UTF8.self) }

    /// The pretty JSON text of this value, with a trailing newline; see ``PrettyEncoder``.
    package var prettyString: String { PrettyEncoder().encodeString(self) }
}

extension JSONObject {
    /// The canonical JSON bytes of this object.
    package var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        CanonicalEncoder().encode(self, into: &out)
        return out
    }

    /// The canonical JSON text of this object.
    package var canonicalString: String { String(decoding: canonicalBytes, as: UTF8.self) }
}
