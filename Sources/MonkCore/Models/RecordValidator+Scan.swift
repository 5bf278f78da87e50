/// The top-level members of a record body, read straight from its JSON text for ``RecordBytesCreator``.
///
/// A body's members come in any order and its scalars may be spelled in any valid way; the whole-record
/// canonical writer would copy and sort everything, nested values included. This reader validates the body
/// as ``JSONParser`` does, keeps each value's canonical bytes (the input's when they are canonical already,
/// otherwise rewritten into ``scratch``: strings with non-canonical escapes, numbers, nested values through
/// a ``Canonicalizer``) and sorts only the top-level keys. A body it cannot read that way (escaped or
/// duplicate keys, malformed text) is left to the caller's other paths, which report errors exactly.
struct RecordMemberScan: Sendable {
    /// One top-level member: its key (UTF-8 bytes of the input, no escapes) and its canonical value.
    struct Member: Sendable {
        var key: Range<Int>
        var value: Range<Int>
        /// Whether `value` indexes ``RecordMemberScan/scratch`` rather than the input.
        var isRewritten: Bool
    }

    /// The members of the last body read, sorted by key.
    private(set) var members: [Member] = []
    /// Rewritten values of the last body read.
    private(set) var scratch: [UInt8] = []
    /// Canonicalizes nested values, one level less deep than a body may be.
    private var nested: Canonicalizer
    /// Whether the limits allow an object at all.
    private let allowsObjects: Bool

    /// - Parameter options: the limits a whole body must meet.
    init(options: JSONParser.Options) {
        nested = Canonicalizer(options: JSONParser.Options(maximumDepth: options.effectiveMaximumDepth - 1))
        allowsObjects = options.effectiveMaximumDepth >= 1
    }

    /// Reads the body `input`; `false` when it cannot (see the type's description).
    mutating func read(_ input: UnsafeRawBufferPointer) -> Bool {
        members.removeAll(keepingCapacity: true)
        scratch.removeAll(keepingCapacity: true)
        guard allowsObjects, let base = input.baseAddress, input.count > 0 else { return false }
        var scanner = JSONScanner(base: base.assumingMemoryBound(to: UInt8.self), count: input.count)
        do {
            guard try readObject(&scanner) else { return false }
        } catch {
            return false
        }
        return sortKeys(input)
    }

    private mutating func readObject(_ scanner: inout JSONScanner) throws(JSONError) -> Bool {
        scanner.skipWhitespace()
        guard scanner.current == ASCII.openBrace else { return false }
        scanner.position += 1
        scanner.skipWhitespace()
        if scanner.current == ASCII.closeBrace {
            scanner.position += 1
        } else {
            while true {
                scanner.skipWhitespace()
                guard scanner.current == ASCII.quote else { return false }
                let key = try scanner.scanString()
                guard key.escapes == .none else { return false }
                scanner.skipWhitespace()
                guard scanner.current == ASCII.colon else { return false }
                scanner.position += 1
                scanner.skipWhitespace()
                guard let member = try readValue(&scanner, key: key.start..<key.end) else { return false }
                members.append(member)
                scanner.skipWhitespace()
                let byte = scanner.current
                scanner.position += 1
                if byte == ASCII.closeBrace { break }
                guard byte == ASCII.comma else { return false }
            }
        }
        scanner.skipWhitespace()
        return scanner.isAtEnd
    }

    /// The member whose value starts at the scanner, with its canonical bytes.
    private mutating func readValue(_ scanner: inout JSONScanner, key: Range<Int>) throws(JSONError) -> Member? {
        let start = scanner.position
        switch scanner.current {
        case ASCII.quote:
            let token = try scanner.scanString()
            guard token.escapes == .other else {
                return Member(key: key, value: start..<scanner.position, isRewritten: false)
            }
            let from = scratch.count
            scratch.append(ASCII.quote)
            scanner.appendContent(of: token, canonical: true, to: &scratch)
            scratch.append(ASCII.quote)
            return Member(key: key, value: from..<scratch.count, isRewritten: true)
        case ASCII.minus, ASCII.zero...ASCII.nine:
            let token = try scanner.scanNumber()
            guard !scanner.isCanonical(token) else {
                return Member(key: key, value: start..<scanner.position, isRewritten: false)
            }
            let from = scratch.count
            scanner.appendCanonical(token, to: &scratch)
            return Member(key: key, value: from..<scratch.count, isRewritten: true)
        case UInt8(ascii: "t"): try scanner.expectLiteral("true")
        case UInt8(ascii: "f"): try scanner.expectLiteral("false")
        case UInt8(ascii: "n"): try scanner.expectLiteral("null")
        case ASCII.openBrace, ASCII.openBracket:
            // Its content is validated by the canonicalizer afterwards.
            guard let end = try scanner.skipContainer() else { return nil }
            switch try nested.canonicalForm(of: scanner.bytes(start, end)) {
            case .input:
                return Member(key: key, value: start..<end, isRewritten: false)
            case .rewritten(let canonical):
                let from = scratch.count
                scratch.append(contentsOf: canonical)
                return Member(key: key, value: from..<scratch.count, isRewritten: true)
            }
        default:
            return nil
        }
        return Member(key: key, value: start..<scanner.position, isRewritten: false)
    }

    /// Sorts the members by key (insertion sort: bodies have few keys); `false` for a duplicate key.
    private mutating func sortKeys(_ input: UnsafeRawBufferPointer) -> Bool {
        func key(_ member: Member) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: input[member.key]) }
        var index = 1
        while index < members.count {
            let member = members[index]
            var slot = index
            while slot > 0 {
                let order = CanonicalKeys.compareRaw(key(members[slot - 1]), key(member))
                if order == 0 { return false }
                if order < 0 { break }
                members[slot] = members[slot - 1]
                slot -= 1
            }
            members[slot] = member
            index += 1
        }
        return true
    }
}
