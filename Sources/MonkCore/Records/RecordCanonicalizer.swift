/// Turns JSON text into ``CanonicalRecord``s, reusing its buffers from one record to the next.
///
/// This is the per-record hot path of sync sources and the server. Input that is already canonical (JSONL
/// written by monk) is hashed as it is, without re-encoding; when the selection only drops top-level members
/// (the default drops the system fields), the hash covers the remaining member bytes, again without
/// re-encoding. Other input is canonicalized in one pass without a tree. Only a selection with dotted paths
/// builds a ``JSONValue``.
///
/// ```swift
/// var records = RecordCanonicalizer(selection: .default)
/// while let line = try reader.next() {
///     let record = try records.record(from: line.bytes)
/// }
/// ```
package struct RecordCanonicalizer: Sendable {
    /// What the hashes compare.
    package let selection: FieldSelection
    var canonicalizer: Canonicalizer
    /// The last record's top-level keys and whether the selection kept each (records of one source share
    /// their keys, so the pattern matching runs once per shape, not once per record).
    var keepMemo: [KeepMemo] = []
    /// Whether ``appendRecord(from:to:)`` leaves records' hashes out (``PackedRecord/hash`` `nil`), for a
    /// caller that compares whole records' bytes first and hashes only those that differ
    /// (``deferredHash(of:)``). Records whose hash could fail later are hashed at once anyway.
    package var defersHashes = false

    /// - Parameters:
    ///   - selection: the fields that the hash covers.
    ///   - options: parser limits.
    package init(selection: FieldSelection = .default, options: JSONParser.Options = JSONParser.Options()) {
        self.selection = selection
        canonicalizer = Canonicalizer(options: options)
    }

    /// Reads one record from JSON text.
    ///
    /// - Throws: ``RecordError``: `.invalidJSON` (with the parser's position), `.notAnObject`, `.missingID` or
    ///   `.invalidID`.
    package mutating func record(from bytes: UnsafeRawBufferPointer) throws(RecordError) -> CanonicalRecord {
        switch try canonicalForm(of: bytes) {
        case .input:
            return try makeRecord(canonical: bytes, owned: nil)
        case .rewritten(let out):
            return try out.withUnsafeBytes { canonical in
                Result { () throws(RecordError) in try makeRecord(canonical: canonical, owned: out) }
            }.get()
        }
    }

    /// Reads one record from JSON text.
    package mutating func record(from bytes: [UInt8]) throws(RecordError) -> CanonicalRecord {
        try bytes.withUnsafeBytes { raw in Result { () throws(RecordError) in try record(from: raw) } }.get()
    }

    /// Reads one record from JSON text (a JSONL line).
    package mutating func record(from bytes: ArraySlice<UInt8>) throws(RecordError) -> CanonicalRecord {
        try bytes.withUnsafeBytes { raw in Result { () throws(RecordError) in try record(from: raw) } }.get()
    }

    /// Reads one record from JSON text.
    package mutating func record(from text: String) throws(RecordError) -> CanonicalRecord {
        var text = text
        return try text.withUTF8 { utf8 in
            Result { () throws(RecordError) in try record(from: UnsafeRawBufferPointer(utf8)) }
        }.get()
    }

    /// ``Canonicalizer/canonicalForm(of:)`` with its error as a record's `.invalidJSON`.
    mutating func canonicalForm(of bytes: UnsafeRawBufferPointer) throws(RecordError) -> Canonicalizer.Form {
        do {
            return try canonicalizer.canonicalForm(of: bytes)
        } catch {
            throw RecordError(error)
        }
    }

    private mutating func makeRecord(
        canonical: UnsafeRawBufferPointer,
        owned: [UInt8]?
    ) throws(RecordError) -> CanonicalRecord {
        guard canonical.first == ASCII.openBrace else {
            let type = Self.typeName(startingWith: canonical.first ?? 0)
            throw RecordError(code: .notAnObject, message: "record is \(type), expected an object")
        }
        let members = canonicalizer.topLevelMembers
        let id = try Self.recordID(in: canonical, members: members)
        let hash = try hash(of: canonical, members: members)
        return CanonicalRecord(id: id, bytes: owned ?? Array(canonical), hash: hash)
    }
}
