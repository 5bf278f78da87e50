/// Where one record lies in a buffer of records packed one after another (see
/// ``RecordCanonicalizer/appendRecord(from:to:)``): its canonical bytes, its id's UTF-8 bytes and its hash.
///
/// Ranges are offsets into the buffer the record was appended to.
package struct PackedRecord: Sendable, Hashable {
    /// The whole record as canonical JSON.
    package var bytes: Range<Int>
    /// The `id`'s UTF-8 bytes: inside ``bytes`` when the id has no escapes, else a decoded copy after them.
    package var id: Range<Int>
    /// The hash of the selected fields' canonical bytes, or `nil` when the packing canonicalizer deferred it
    /// (``RecordCanonicalizer/defersHashes``; ``RecordCanonicalizer/deferredHash(of:)`` computes it).
    package var hash: RecordHash?

    package init(bytes: Range<Int>, id: Range<Int>, hash: RecordHash?) {
        self.bytes = bytes
        self.id = id
        self.hash = hash
    }
}

extension RecordCanonicalizer {
    /// Reads one record from JSON text and appends it to `buffer` instead of allocating a ``CanonicalRecord``.
    ///
    /// The result is the same record ``record(from:)-(UnsafeRawBufferPointer)`` reads, with the same errors in
    /// the same order, but nothing is allocated per record once `buffer` has grown: the canonical bytes are
    /// copied to the end of `buffer` and the id is a range of them (a decoded copy follows when the id has
    /// escapes). On error `buffer` is unchanged.
    ///
    /// ```swift
    /// var packed: [UInt8] = []
    /// let record = try records.appendRecord(from: line, to: &packed)
    /// packed[record.id]      // the id's UTF-8 bytes
    /// ```
    ///
    /// - Throws: ``RecordError``, as ``record(from:)-(UnsafeRawBufferPointer)`` throws.
    package mutating func appendRecord(
        from bytes: UnsafeRawBufferPointer,
        to buffer: inout [UInt8]
    ) throws(RecordError) -> PackedRecord {
        switch try canonicalForm(of: bytes) {
        case .input:
            return try pack(canonical: bytes, to: &buffer)
        case .rewritten(let out):
            return try out.withUnsafeBytes { canonical in
                Result { () throws(RecordError) in try pack(canonical: canonical, to: &buffer) }
            }.get()
        }
    }

    /// Validates the canonical object `canonical` as ``makeRecord`` does, then appends it to `buffer`.
    private mutating func pack(
        canonical: UnsafeRawBufferPointer,
        to buffer: inout [UInt8]
    ) throws(RecordError) -> PackedRecord {
        guard canonical.first == ASCII.openBrace else {
            let type = Self.typeName(startingWith: canonical.first ?? 0)
            throw RecordError(code: .notAnObject, message: "record is \(type), expected an object")
        }
        let members = canonicalizer.topLevelMembers
        let content = try Self.idContent(in: canonical, members: members)
        // An id with escapes is decoded (and validated) the general way, before the hash as there.
        let decoded =
            Self.hasBackslash(canonical, in: content) ? try Self.recordID(in: canonical, members: members) : nil
        let hash = try defers(members) ? nil : hash(of: canonical, members: members)
        let start = buffer.count
        buffer.append(contentsOf: canonical)
        let end = buffer.count
        guard let decoded else {
            return PackedRecord(
                bytes: start..<end,
                id: (start + content.lowerBound)..<(start + content.upperBound),
                hash: hash
            )
        }
        buffer.append(contentsOf: decoded.utf8)
        return PackedRecord(bytes: start..<end, id: end..<buffer.count, hash: hash)
    }

    /// Whether the hash of a record with top-level `members` is left to ``deferredHash(of:)``: when
    /// ``defersHashes`` is set and computing it later cannot fail (a selection of top-level members only, and
    /// no key with escapes to decode).
    private func defers(_ members: [MemberSpan]) -> Bool {
        guard defersHashes && selection.isTopLevelOnly else { return false }
        for member in members where member.keyHasEscapes { return false }
        return true
    }

    /// The hash a packed record's ``PackedRecord/hash`` would have held, for a record whose hash was deferred:
    /// `canonical` must be the record's packed bytes, and this canonicalizer's selection the packing one's.
    package mutating func deferredHash(of canonical: UnsafeRawBufferPointer) -> RecordHash {
        // Packed bytes are canonical, so the check pass accepts them and lists their members; the hash of a
        // top-level selection over keys without escapes has nothing left to reject (see `defers`).
        guard case .input? = try? canonicalizer.canonicalForm(of: canonical),
            let hash = try? hash(of: canonical, members: canonicalizer.topLevelMembers)
        else { preconditionFailure("deferredHash(of:) takes the bytes of a record packed with a deferred hash") }
        return hash
    }

    /// Whether `bytes[range]` holds a backslash (a plain loop: the generic `contains` on a slice was 3 % of a
    /// diff's reading time).
    static func hasBackslash(_ bytes: UnsafeRawBufferPointer, in range: Range<Int>) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == ASCII.backslash { return true }
            index &+= 1
        }
        return false
    }
}
