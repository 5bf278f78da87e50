/// A create body turned into what the store writes, without a ``JSONValue`` tree (see ``RecordBytesCreator``).
package struct PreparedCreate: Sendable, Hashable {
    /// The record's id: the body's (already canonical) or a generated one.
    package var id: String
    /// Whether the body named the id (a generated one was not sent).
    package var idWasSent: Bool
    /// The stored `data`: canonical JSON of every model field plus `id`, exactly what
    /// ``RecordValidator/validateCreate(_:authority:)`` and the store's encoding make of the same body.
    package var data: [UInt8]
    /// The body's `created_at` in wire form, or `nil` for "now".
    package var createdAt: String?
    /// The body's `updated_at` in wire form, or `nil` for "the creation time".
    package var updatedAt: String?
}

/// Creates records straight from a body's JSON text: its top-level members are read in place
/// (``RecordMemberScan``), then one merge walk of them against the model's sorted fields writes the stored bytes
/// (API.md §2.2, §0.4, §0.5). No `JSONValue` is built for a plain body.
///
/// It declines (`nil`) every body it cannot prove it handles exactly as ``RecordValidator/validateCreate(_:authority:)``
/// would: malformed JSON, any violation or refusal, unknown keys, `access_*` keys of a sudo writer, an id or
/// timestamp not in wire form. The caller then takes the general path, which reports errors with their usual
/// codes. Values that need a transform, a rule or normalizing are checked through the validator's own
/// per-field code, so only the plain cases are byte-level.
///
/// ```swift
/// var creator = RecordBytesCreator(validator: model.validator, authority: .regular)
/// if let prepared = creator.prepare(json, newID: UUIDs.random) { store(prepared) }
/// else { createTheUsualWay(try JSONParser.parse(json)) }
/// ```
package struct RecordBytesCreator: Sendable {
    /// One key of the stored object: a model field (`field` is its index) or `id` (`field` is `nil`). Its
    /// bytes are ranges of ``text``, so that the walk copies slots without reference counting.
    private struct Slot: Sendable {
        var name: Range<Int>
        /// `"name":`, ready to append.
        var prefix: Range<Int>
        var field: Int?
        /// The checked default's canonical bytes, or `nil` when an absent value is a violation.
        var absent: Range<Int>?
        /// Whether a sent value needs no transform and no rule beyond its type (and `required` for `null`).
        var isPlain: Bool
        /// The field's type (`uuid` for `id`).
        var type: FieldType
        /// Whether `null` is a violation (a required field of a model that is not passthrough).
        var refusesNull: Bool
        /// Whether only a sudo writer may send the field.
        var requiresSudo: Bool
    }

    private let validator: RecordValidator
    private let authority: WriteAuthority
    private let slots: [Slot]
    /// The slots' names, prefixes and defaults, back to back.
    private let text: [UInt8]
    private var canonicalizer: Canonicalizer
    private var scan: RecordMemberScan

    /// - Parameters:
    ///   - validator: the model's validator (its fields, defaults and patterns).
    ///   - authority: who writes (`sudo` fields are refused to a regular writer, through the general path).
    ///   - options: the parser limits a body must meet (a body past them gives `nil`).
    package init(validator: RecordValidator, authority: WriteAuthority, options: JSONParser.Options = .init()) {
        self.validator = validator
        self.authority = authority
        canonicalizer = Canonicalizer(options: options)
        scan = RecordMemberScan(options: options)
        var slots: [Slot] = []
        var text: [UInt8] = []
        func add(_ bytes: [UInt8]) -> Range<Int> {
            text += bytes
            return (text.count - bytes.count)..<text.count
        }
        let passthrough = validator.model.isPassthrough
        for (index, field) in validator.fields.enumerated() {
            var value = validator.defaults[index]
            var violations: [FieldViolation] = []
            validator.check(&value, field, into: &violations)
            let plain =
                passthrough
                || (field.transform == nil && field.minimum == nil && field.maximum == nil
                    && field.enumValues == nil && validator.patterns[field.fieldName] == nil)
            slots.append(
                Slot(
                    name: add(Array(field.fieldName.utf8)),
                    prefix: add(JSONValue.string(field.fieldName).canonicalBytes + [ASCII.colon]),
                    field: index,
                    absent: violations.isEmpty ? add(value.canonicalBytes) : nil,
                    isPlain: plain,
                    type: field.type,
                    refusesNull: field.isRequired && !passthrough,
                    requiresSudo: field.requiresSudo
                )
            )
        }
        let id = Slot(
            name: add(Array("id".utf8)),
            prefix: add(Array(#""id":"#.utf8)),
            field: nil,
            absent: nil,
            isPlain: true,
            type: .uuid,
            refusesNull: false,
            requiresSudo: false
        )
        let position =
            slots.firstIndex { RecordValidator.compareUTF8(field: Array(text[$0.name]), "id") > 0 } ?? slots.count
        slots.insert(id, at: position)
        self.slots = slots
        self.text = text
    }

    /// The create of one body given as JSON bytes, or `nil` for "take the general path". Invalid JSON also
    /// gives `nil`.
    ///
    /// - Parameter newID: makes the id of a body without one.
    package mutating func prepare(_ json: UnsafeRawBufferPointer, newID: () -> String) -> PreparedCreate? {
        if scan.read(json) {
            return scan.scratch.withUnsafeBytes { walk(json, $0, scan.members, newID: newID) }
        }
        // Bodies the member scan leaves (escaped keys, for one) go through the canonicalizer.
        guard let form = try? canonicalizer.canonicalForm(of: json) else { return nil }
        var members: [RecordMemberScan.Member] = []
        for member in canonicalizer.topLevelMembers {
            guard !member.keyHasEscapes else { return nil }
            members.append(
                RecordMemberScan.Member(
                    key: member.keyStart..<member.keyEnd,
                    value: (member.keyEnd + 2)..<member.end,
                    isRewritten: false
                )
            )
        }
        switch form {
        case .input:
            return walk(json, UnsafeRawBufferPointer(start: nil, count: 0), members, newID: newID)
        case .rewritten(let canonical):
            return canonical.withUnsafeBytes {
                walk($0, UnsafeRawBufferPointer(start: nil, count: 0), members, newID: newID)
            }
        }
    }

    /// ``prepare(_:newID:)-(UnsafeRawBufferPointer,_)`` for an array of bytes.
    package mutating func prepare(_ json: [UInt8], newID: () -> String) -> PreparedCreate? {
        json.withUnsafeBytes { prepare($0, newID: newID) }
    }

    /// The merge walk over a body's sorted top-level `members`, whose keys and values index `bytes` (or
    /// `scratch` for rewritten values).
    private func walk(
        _ bytes: UnsafeRawBufferPointer,
        _ scratch: UnsafeRawBufferPointer,
        _ members: [RecordMemberScan.Member],
        newID: () -> String
    ) -> PreparedCreate? {
        text.withUnsafeBytes { text in
            slots.withUnsafeBufferPointer { slots in
                members.withUnsafeBufferPointer { members in walk(bytes, scratch, members, text, slots, newID: newID) }
            }
        }
    }

    /// ``walk(_:_:_:newID:)`` with the slots and their bytes at hand.
    private func walk(
        _ bytes: UnsafeRawBufferPointer,
        _ scratch: UnsafeRawBufferPointer,
        _ members: UnsafeBufferPointer<RecordMemberScan.Member>,
        _ text: UnsafeRawBufferPointer,
        _ slots: UnsafeBufferPointer<Slot>,
        newID: () -> String
    ) -> PreparedCreate? {
        func value(_ member: RecordMemberScan.Member) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: (member.isRewritten ? scratch : bytes)[member.value])
        }
        var writer = StoredWriter(capacity: bytes.count + 64)
        var next = 0
        for slot in slots {
            var sent: UnsafeRawBufferPointer?
            while next < members.count {
                let member = members[next]
                let key = UnsafeRawBufferPointer(rebasing: bytes[member.key])
                let order = CanonicalKeys.compareRaw(key, UnsafeRawBufferPointer(rebasing: text[slot.name]))
                if order > 0 { break }
                next += 1
                if order == 0 {
                    sent = value(member)
                    break
                }
                guard writer.takeSystem(key, value(member), authority: authority) else { return nil }
            }
            let prefix = UnsafeRawBufferPointer(rebasing: text[slot.prefix])
            if let field = slot.field {
                let absent = slot.absent.map { UnsafeRawBufferPointer(rebasing: text[$0]) }
                guard writer.field(slot, prefix, absent, sent: sent, field, validator, authority) else { return nil }
            } else {
                guard writer.id(prefix, sent: sent, newID: newID) else { return nil }
            }
        }
        while next < members.count {
            let member = members[next]
            let key = UnsafeRawBufferPointer(rebasing: bytes[member.key])
            guard writer.takeSystem(key, value(member), authority: authority) else { return nil }
            next += 1
        }
        return writer.finish()
    }

    /// The stored bytes being written, and the system values taken from the body.
    private struct StoredWriter {
        var out: [UInt8]
        var id = ""
        var idWasSent = false
        var createdAt: String?
        var updatedAt: String?

        init(capacity: Int) {
            out = [ASCII.openBrace]
            out.reserveCapacity(capacity)
        }

        mutating func finish() -> PreparedCreate {
            out.append(ASCII.closeBrace)
            return PreparedCreate(
                id: id,
                idWasSent: idWasSent,
                data: out,
                createdAt: createdAt,
                updatedAt: updatedAt
            )
        }

        mutating func append(_ prefix: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) {
            if out.count > 1 { out.append(ASCII.comma) }
            out.append(contentsOf: prefix)
            out.append(contentsOf: value)
        }

        mutating func append(_ prefix: UnsafeRawBufferPointer, _ value: [UInt8]) {
            value.withUnsafeBytes { append(prefix, $0) }
        }

        /// Writes a model field: the sent value when it is plainly in wire form, otherwise what the
        /// validator's per-field code makes of it; `false` for any violation or refusal.
        mutating func field(
            _ slot: Slot,
            _ prefix: UnsafeRawBufferPointer,
            _ absent: UnsafeRawBufferPointer?,
            sent: UnsafeRawBufferPointer?,
            _ field: Int,
            _ validator: RecordValidator,
            _ authority: WriteAuthority
        ) -> Bool {
            guard let sent else {
                guard let absent else { return false }
                append(prefix, absent)
                return true
            }
            if slot.requiresSudo && authority != .sudo { return false }
            if slot.isPlain, let plain = ValueForm.isPlain(sent, as: slot.type) {
                if !plain && slot.refusesNull { return false }
                append(prefix, sent)
                return true
            }
            guard var value = try? JSONParser.parse(sent) else { return false }
            value = validator.transformed(value, validator.fields[field])
            var violations: [FieldViolation] = []
            validator.check(&value, validator.fields[field], into: &violations)
            guard violations.isEmpty else { return false }
            append(prefix, value.canonicalBytes)
            return true
        }

        /// Writes `id`: the sent canonical uuid or a new one (`null` counts as not sent).
        mutating func id(_ prefix: UnsafeRawBufferPointer, sent: UnsafeRawBufferPointer?, newID: () -> String) -> Bool {
            if let sent, sent.first != UInt8(ascii: "n") {
                guard ValueForm.isCanonicalUUID(sent), let text = ValueForm.plainString(sent) else { return false }
                id = text
                idWasSent = true
            } else {
                id = newID()
            }
            // A uuid needs no escaping.
            if out.count > 1 { out.append(ASCII.comma) }
            out.append(contentsOf: prefix)
            out.append(ASCII.quote)
            out.append(contentsOf: id.utf8)
            out.append(ASCII.quote)
            return true
        }

        /// Takes a body member that is not stored in `data`: `created_at`/`updated_at` in wire form,
        /// ignored keys (`trashed_at`, `deleted_at`, a regular writer's `access_*`); `false` for anything else.
        mutating func takeSystem(
            _ key: UnsafeRawBufferPointer,
            _ value: UnsafeRawBufferPointer,
            authority: WriteAuthority
        )
            -> Bool
        {
            let isCreatedAt = SystemKeys.equal(SystemKeys.createdAt, key)
            if isCreatedAt || SystemKeys.equal(SystemKeys.updatedAt, key) {
                if value.first == UInt8(ascii: "n") { return true }
                let normal: String
                if value.count == 26, WireTimestamp.isCanonical(UnsafeRawBufferPointer(rebasing: value[1..<25])) {
                    normal = String(decoding: value[1..<25], as: UTF8.self)
                } else {
                    guard let text = ValueForm.plainString(value),
                        case .string(let parsed)? = RecordValidator.normalized(.string(text), as: .timestamp)
                    else { return false }
                    normal = parsed
                }
                if isCreatedAt { createdAt = normal } else { updatedAt = normal }
                return true
            }
            if SystemKeys.ignored.contains(where: { SystemKeys.equal($0, key) }) { return true }
            return authority == .regular && SystemKeys.access.contains(where: { SystemKeys.equal($0, key) })
        }
    }
}

/// The UTF-8 bytes of the system keys a create body may hold besides `id`.
private enum SystemKeys {
    static let createdAt = Array("created_at".utf8)
    static let updatedAt = Array("updated_at".utf8)
    static let ignored = SystemField.ignoredOnWrite.map { Array($0.utf8) }
    static let access = SystemField.accessFields.map { Array($0.utf8) }

    /// Whether `key` is `name`.
    static func equal(_ name: [UInt8], _ key: UnsafeRawBufferPointer) -> Bool {
        name.count == key.count && name.withUnsafeBytes { CanonicalKeys.compareRaw($0, key) == 0 }
    }
}

/// Byte-level checks of canonical values against a field type.
private enum ValueForm {
    /// For a canonical value: `true` when it is already the wire form of `type`, `false` when it is `null`,
    /// `nil` when only the general normalization can tell.
    static func isPlain(_ value: UnsafeRawBufferPointer, as type: FieldType) -> Bool? {
        guard let first = value.first else { return nil }
        if first == UInt8(ascii: "n") { return false }
        switch type {
        case .jsonb: return true
        case .text: return first == ASCII.quote ? true : nil
        case .boolean: return first == UInt8(ascii: "t") || first == UInt8(ascii: "f") ? true : nil
        case .decimal: return first == ASCII.minus || (first >= ASCII.zero && first <= ASCII.nine) ? true : nil
        case .integer: return isSmallInteger(value) ? true : nil
        case .uuid: return isCanonicalUUID(value) ? true : nil
        case .timestamp:
            guard value.count == 26, value.first == ASCII.quote else { return nil }
            return WireTimestamp.isCanonical(UnsafeRawBufferPointer(rebasing: value[1..<25])) ? true : nil
        default: return nil
        }
    }

    /// A canonical number of at most 18 digits without fraction or exponent (so within Int64).
    private static func isSmallInteger(_ value: UnsafeRawBufferPointer) -> Bool {
        let digits = value.first == ASCII.minus ? value.dropFirst() : value[...]
        if value.first == ASCII.minus && digits.first == ASCII.zero { return false }
        return !digits.isEmpty && digits.count <= 18 && digits.allSatisfy { $0 >= ASCII.zero && $0 <= ASCII.nine }
    }

    /// Whether `value` is a string holding a lowercase `8-4-4-4-12` uuid (``UUIDText/canonical(_:)`` keeps it).
    static func isCanonicalUUID(_ value: UnsafeRawBufferPointer) -> Bool {
        guard value.count == 38, value[0] == ASCII.quote, value[37] == ASCII.quote else { return false }
        for index in 1...36 {
            let byte = value[index]
            if index == 9 || index == 14 || index == 19 || index == 24 {
                guard byte == ASCII.minus else { return false }
            } else if !((byte >= ASCII.zero && byte <= ASCII.nine) || (byte >= 0x61 && byte <= 0x66)) {
                return false
            }
        }
        return true
    }

    /// The content of a canonical string value without escapes, or `nil`.
    static func plainString(_ value: UnsafeRawBufferPointer) -> String? {
        guard value.count >= 2, value.first == ASCII.quote, value.last == ASCII.quote else { return nil }
        let content = UnsafeRawBufferPointer(rebasing: value[1..<(value.count - 1)])
        guard !content.contains(ASCII.backslash) else { return nil }
        return String(decoding: content, as: UTF8.self)
    }
}

extension RecordValidator {
    /// ``compareUTF8(_:_:)`` of a key given as bytes.
    fileprivate static func compareUTF8(field: [UInt8], _ other: String) -> Int {
        compareUTF8(String(decoding: field, as: UTF8.self), other)
    }
}
