/// The create path of ``RecordValidator``: one merge walk over the body's sorted keys and the model's sorted
/// fields, so a bulk create of many records does no per-key search and builds the output in order.
extension RecordValidator {
    /// Validates a create body.
    ///
    /// Violations come in the order the rules run: system fields (`id`, `created_at`, `updated_at`, then the
    /// `access_*` lists of a sudo writer), unknown keys in key order, then the model's fields in field order.
    ///
    /// - Throws: ``RecordRefusal`` `FIELD_REQUIRES_SUDO` when a regular caller sends a `sudo` field.
    package func validateCreate(_ body: JSONObject, authority: WriteAuthority) throws(RecordRefusal)
        -> RecordValidation
    {
        let members = body.members
        var system: [JSONObject.Member] = []
        var unknown: [FieldViolation] = []
        var fieldViolations: [FieldViolation] = []
        var output: [JSONObject.Member] = []
        output.reserveCapacity(fields.count + 3)
        var next = 0
        for index in fields.indices {
            let name = fields[index].fieldName
            var sent: JSONValue?
            while next < members.count {
                let order = RecordValidator.compareUTF8(members[next].key, name)
                if order > 0 { break }
                if order == 0 { sent = members[next].value }
                if order < 0 { sortOut(members[next], system: &system, unknown: &unknown) }
                next += 1
                if order == 0 { break }
            }
            var value = defaults[index]
            if let sent {
                // Property reads, not calls taking the field: a field definition is a large struct to copy.
                if fields[index].requiresSudo { try checkSudo(fields[index], authority) }
                value = fields[index].transform == nil ? sent : transformed(sent, fields[index])
            }
            check(&value, fields[index], into: &fieldViolations)
            output.append((name, value))
        }
        while next < members.count {
            sortOut(members[next], system: &system, unknown: &unknown)
            next += 1
        }
        var systemOutput = JSONObject()
        var violations = systemFields(JSONObject(sortedMembers: system), authority: authority, into: &systemOutput)
        violations += unknown
        violations += fieldViolations
        return RecordValidation(record: RecordValidator.merged(output, systemOutput.members), violations: violations)
    }

    /// Files a body member that is no model field: system fields aside (in order), anything else is unknown.
    private func sortOut(
        _ member: JSONObject.Member,
        system: inout [JSONObject.Member],
        unknown: inout [FieldViolation]
    ) {
        if SystemField.contains(member.key) {
            system.append(member)
        } else {
            unknown.append(
                FieldViolation(
                    field: member.key,
                    code: .unknownField,
                    message: "'\(member.key)' is not a field of model '\(model.modelName)'"
                )
            )
        }
    }

    /// Two lists of members, each sorted and with no key in both, as one object.
    private static func merged(_ a: [JSONObject.Member], _ b: [JSONObject.Member]) -> JSONObject {
        guard !b.isEmpty else { return JSONObject(sortedMembers: a) }
        var all: [JSONObject.Member] = []
        all.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && compareUTF8(a[i].key, b[j].key) < 0) {
                all.append(a[i])
                i += 1
            } else {
                all.append(b[j])
                j += 1
            }
        }
        return JSONObject(sortedMembers: all)
    }

    /// The canonical key order (UTF-8 bytes) of `a` and `b`: negative, zero or positive.
    static func compareUTF8(_ a: String, _ b: String) -> Int {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                var index = 0
                while index < common {
                    if x[index] != y[index] { return Int(x[index]) - Int(y[index]) }
                    index += 1
                }
                return x.count - y.count
            }
        }
    }
}

/// API timestamps already in their one wire form, recognised without parsing and re-formatting them.
enum WireTimestamp {
    /// Whether `text` is `YYYY-MM-DDTHH:MM:SS.mmmZ` naming a real instant (month 1–12, a day the month has,
    /// hour < 24, minute and second < 60): then ``Timestamp`` would give back the very same text.
    static func isCanonical(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isCanonical(UnsafeRawBufferPointer($0)) }
    }

    /// ``isCanonical(_:)-(String)`` for the UTF-8 bytes of a text.
    static func isCanonical(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count == 24, bytes[4] == 0x2d, bytes[7] == 0x2d, bytes[10] == 0x54, bytes[13] == 0x3a,
            bytes[16] == 0x3a, bytes[19] == 0x2e, bytes[23] == 0x5a
        else { return false }
        func number(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for index in start..<(start + count) {
                let digit = Int(bytes[index]) - 0x30
                guard digit >= 0 && digit <= 9 else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            number(20, 3) != nil, (1...12).contains(month), day >= 1, hour < 24, minute < 60, second < 60
        else { return false }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        switch month {
        case 2: return day <= (isLeap ? 29 : 28)
        case 4, 6, 9, 11: return day <= 30
        default: return day <= 31
        }
    }
}
