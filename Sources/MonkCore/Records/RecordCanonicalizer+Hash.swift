/// The id and hash of a record whose canonical bytes and top-level members are known.
extension RecordCanonicalizer {
    /// The hash of the selected fields of the canonical object `canonical`.
    ///
    /// With a top-level-only selection, the hash covers `{`, the kept member bytes joined by `,`, and `}`:
    /// exactly the canonical bytes of the selected object, without re-encoding anything.
    mutating func hash(
        of canonical: UnsafeRawBufferPointer,
        members: [Canonicalizer.MemberSpan]
    ) throws(RecordError) -> RecordHash {
        if selection.keepsEverything { return RecordHash(hashing: canonical) }
        guard selection.isTopLevelOnly else { return try hashByTree(canonical) }
        keeps.removeAll(keepingCapacity: true)
        var dropsAny = false
        for member in members {
            let key = UnsafeRawBufferPointer(rebasing: canonical[member.keyStart..<member.keyEnd])
            let keep =
                member.keyHasEscapes
                ? selection.keepsTopLevel(try Self.decodedKey(canonical, member))
                : selection.keepsTopLevel(key)
            keeps.append(keep)
            if !keep { dropsAny = true }
        }
        if !dropsAny { return RecordHash(hashing: canonical) }
        hashInput.removeAll(keepingCapacity: true)
        hashInput.append(ASCII.openBrace)
        for (member, keep) in zip(members, keeps) where keep {
            if hashInput.count > 1 { hashInput.append(ASCII.comma) }
            hashInput.append(
                contentsOf: UnsafeRawBufferPointer(rebasing: canonical[(member.keyStart - 1)..<member.end])
            )
        }
        hashInput.append(ASCII.closeBrace)
        return hashInput.withUnsafeBytes { RecordHash(hashing: $0) }
    }

    /// The slow path for selections with dotted paths: parse, select, encode, hash.
    private func hashByTree(_ canonical: UnsafeRawBufferPointer) throws(RecordError) -> RecordHash {
        let value: JSONValue
        do {
            value = try JSONParser.parse(canonical)
        } catch {
            throw RecordError(error)
        }
        guard case .object(let object) = value else {
            throw RecordError(code: .notAnObject, message: "record is \(value.typeName), expected an object")
        }
        return RecordHash(hashing: selection.apply(to: object).canonicalBytes)
    }

    /// The `id` of a canonical object, which must be a non-empty string.
    static func recordID(
        in canonical: UnsafeRawBufferPointer,
        members: [Canonicalizer.MemberSpan]
    ) throws(RecordError) -> String {
        let idKey: StaticString = "id"
        let keyBytes = UnsafeRawBufferPointer(start: idKey.utf8Start, count: idKey.utf8CodeUnitCount)
        guard
            let member = members.first(where: {
                !$0.keyHasEscapes
                    && UnsafeRawBufferPointer(rebasing: canonical[$0.keyStart..<$0.keyEnd]).elementsEqual(keyBytes)
            })
        else {
            throw RecordError(code: .missingID, message: #"record has no "id""#)
        }
        let value = UnsafeRawBufferPointer(rebasing: canonical[(member.keyEnd + 2)..<member.end])
        guard value.first == ASCII.quote else {
            let type = typeName(startingWith: value.first ?? 0)
            throw RecordError(code: .invalidID, message: #"record "id" is \#(type), expected a string"#)
        }
        let content = UnsafeRawBufferPointer(rebasing: value[(value.startIndex + 1)..<(value.endIndex - 1)])
        if content.isEmpty { throw RecordError(code: .invalidID, message: #"record "id" is empty"#) }
        if !content.contains(ASCII.backslash) { return String(decoding: content, as: UTF8.self) }
        do {
            return try JSONParser.parse(value).stringValue ?? ""
        } catch {
            throw RecordError(error)
        }
    }

    /// The UTF-8 bytes of a key whose canonical text has escapes.
    private static func decodedKey(
        _ canonical: UnsafeRawBufferPointer,
        _ member: Canonicalizer.MemberSpan
    ) throws(RecordError) -> [UInt8] {
        do {
            let key = try JSONParser.parse(
                UnsafeRawBufferPointer(rebasing: canonical[(member.keyStart - 1)...member.keyEnd])
            )
            return Array((key.stringValue ?? "").utf8)
        } catch {
            throw RecordError(error)
        }
    }

    /// "a number", "an array", … for the JSON value whose text starts with `byte`.
    static func typeName(startingWith byte: UInt8) -> String {
        switch byte {
        case ASCII.openBracket: "an array"
        case ASCII.quote: "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
        case UInt8(ascii: "n"): "null"
        case ASCII.openBrace: "an object"
        default: "a number"
        }
    }
}
