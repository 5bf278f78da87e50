/// A validated number literal in the input.
struct NumberToken {
    /// Offset of the first byte (`-` or a digit).
    var start: Int
    /// Offset after the last byte.
    var end: Int
    /// Whether the literal is already spelled as ``JSONNumber/canonical`` would spell it. Literals with an
    /// exponent are reported as not canonical here; ``JSONScanner/isCanonical(_:)`` settles those.
    var isCanonical: Bool
    /// Whether the literal has an `e`/`E` part.
    var hasExponent: Bool
}

extension JSONScanner {
    /// Scans the number literal at `position` (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`).
    ///
    /// Rejects leading zeros, a bare `-`, `.` without digits and exponents beyond
    /// ``JSONNumber/maximumExponentMagnitude``. NaN and Infinity never reach here: they are not values.
    mutating func scanNumber() throws(JSONError) -> NumberToken {
        let start = position
        var index = position
        let isNegative = base[index] == ASCII.minus
        if isNegative { index += 1 }
        guard index < count, isDigit(base[index]) else {
            throw error(.invalidNumber, "expected a digit after '-'", at: index)
        }
        let integerStart = index
        if base[index] == ASCII.zero {
            index += 1
            if index < count && isDigit(base[index]) {
                throw error(.invalidNumber, "leading zeros are not allowed in numbers", at: integerStart)
            }
        } else {
            while index < count && isDigit(base[index]) { index += 1 }
        }
        let integerIsZero = base[integerStart] == ASCII.zero
        // Canonical text writes plain digits while the decimal point lies within 21 digits of the digits.
        var isCanonical = index - integerStart <= 21
        if index < count && base[index] == ASCII.period {
            index += 1
            let fractionStart = index
            while index < count && isDigit(base[index]) { index += 1 }
            guard index > fractionStart else {
                throw error(.invalidNumber, "expected a digit after '.' in number", at: index)
            }
            if base[index - 1] == ASCII.zero { isCanonical = false }
            if integerIsZero {
                var zeros = 0
                while fractionStart + zeros < index && base[fractionStart + zeros] == ASCII.zero { zeros += 1 }
                if zeros > 20 { isCanonical = false }
            }
        } else if integerIsZero && isNegative {
            isCanonical = false
        }
        var hasExponent = false
        if index < count && (base[index] == ASCII.lowerE || base[index] == ASCII.upperE) {
            hasExponent = true
            isCanonical = false
            index = try scanExponent(after: index)
        }
        position = index
        return NumberToken(start: start, end: index, isCanonical: isCanonical, hasExponent: hasExponent)
    }

    /// Scans `[+-]?[0-9]+` after the `e` at `index`; returns the offset after it.
    private func scanExponent(after index: Int) throws(JSONError) -> Int {
        var index = index + 1
        if index < count && (base[index] == ASCII.plus || base[index] == ASCII.minus) { index += 1 }
        let digitsStart = index
        var magnitude = 0
        while index < count && isDigit(base[index]) {
            magnitude = magnitude * 10 + Int(base[index] - ASCII.zero)
            guard magnitude <= JSONNumber.maximumExponentMagnitude else {
                throw error(.invalidNumber, "exponent out of range", at: digitsStart)
            }
            index += 1
        }
        guard index > digitsStart else {
            throw error(.invalidNumber, "expected a digit in the exponent", at: index)
        }
        return index
    }

    /// Whether the scanned literal is spelled canonically, settling literals with an exponent exactly.
    func isCanonical(_ token: NumberToken) -> Bool {
        if token.isCanonical { return true }
        guard token.hasExponent, let text = JSONNumber.canonicalText(bytes(token.start, token.end)) else {
            return false
        }
        return text.utf8.elementsEqual(bytes(token.start, token.end))
    }

    /// Appends the canonical text of a scanned literal.
    func appendCanonical(_ token: NumberToken, to out: inout [UInt8]) {
        let literal = bytes(token.start, token.end)
        if !token.isCanonical, let text = JSONNumber.canonicalText(literal) {
            out.append(contentsOf: text.utf8)
        } else {
            // Canonical already (a validated literal always has canonical text, so the else is this case).
            out.append(contentsOf: literal)
        }
    }

    /// The number for a scanned literal.
    func number(_ token: NumberToken) -> JSONNumber {
        let literal = bytes(token.start, token.end)
        if !token.isCanonical, let text = JSONNumber.canonicalText(literal) {
            return JSONNumber(uncheckedCanonical: text)
        }
        return JSONNumber(uncheckedCanonical: String(decoding: literal, as: UTF8.self))
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- ASCII.zero < 10 }
}
