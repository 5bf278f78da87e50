/// A JSON number that keeps its exact decimal value, never rounded through `Double`.
///
/// It stores the canonical spelling of DESIGN.md §4: no sign on zero, no leading zeros, no trailing fractional
/// zeros, plain digits while the decimal point lies within 21 digits of the digits, else `d.ddde±N`.
/// Two numbers are equal exactly when their values are equal (`100` == `100.0` == `1e2`).
///
/// ```swift
/// JSONNumber("1.50")?.canonical        // "1.5"
/// JSONNumber("1e400")?.canonical       // "1e+400"
/// JSONNumber("-0.0")?.canonical        // "0"
/// ```
package struct JSONNumber: Sendable, Hashable {
    /// The canonical text, which is also valid JSON.
    package let canonical: String

    /// The exponent limit: literals whose exponent needs more than nine digits are rejected, not approximated.
    package static let maximumExponentMagnitude = 999_999_999

    /// Parses a JSON number literal (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`) and canonicalizes it.
    ///
    /// Returns `nil` for anything that is not exactly such a literal, or whose exponent is out of range.
    package init?(_ literal: some StringProtocol) {
        guard let text = JSONNumber.canonicalText(literal.utf8) else { return nil }
        canonical = text
    }

    /// Wraps text that is already canonical (the parser's fast path); no check beyond a debug assertion.
    package init(uncheckedCanonical text: String) {
        assert(JSONNumber.canonicalText(text.utf8) == text, "not canonical: \(text)")
        canonical = text
    }

    /// The exact value of an integer.
    package init(_ value: Int) { canonical = String(value) }

    /// The exact value of a 64-bit integer.
    package init(_ value: Int64) { canonical = String(value) }

    /// The shortest decimal that round-trips `value` (for computed results such as averages); `nil` for NaN and
    /// infinities, which JSON cannot carry.
    package init?(_ value: Double) {
        guard value.isFinite, let text = JSONNumber.canonicalText(String(describing: value).utf8) else { return nil }
        canonical = text
    }

    /// The value as a signed 64-bit integer when it is one exactly, else `nil`.
    package var int64Value: Int64? {
        let parts = decomposed
        if parts.digits.isEmpty { return 0 }
        guard parts.pointPosition >= parts.digits.count, parts.pointPosition <= 19 else { return nil }
        var magnitude: UInt64 = 0
        for index in 0..<parts.pointPosition {
            let digit = index < parts.digits.count ? UInt64(parts.digits[index] - UInt8(ascii: "0")) : 0
            let (shifted, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            magnitude = sum
        }
        if parts.isNegative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// Whether the value is a whole number (of any size).
    package var isInteger: Bool {
        let parts = decomposed
        return parts.digits.isEmpty || parts.pointPosition >= parts.digits.count
    }

    /// The nearest `Double` (may be rounded or infinite); for display and non-exact arithmetic only.
    package var doubleValue: Double { Double(canonical) ?? .nan }

    /// Whether the value is negative (zero is not).
    package var isNegative: Bool { canonical.utf8.first == UInt8(ascii: "-") }
}

// MARK: - Canonicalization

extension JSONNumber {
    /// Sign, significant digits (ASCII, no leading or trailing zeros; empty for zero) and the position of the
    /// decimal point counted from the first digit, so the value is `0.d₁d₂… × 10^pointPosition`… times 10^0 at
    /// `pointPosition == digits.count`.
    package struct Parts: Sendable, Equatable {
        package var isNegative: Bool
        package var digits: [UInt8]
        package var pointPosition: Int
    }

    /// The decomposition of this number's value.
    package var decomposed: Parts {
        // Canonical text is valid, so this cannot fail.
        JSONNumber.parts(canonical.utf8) ?? Parts(isNegative: false, digits: [], pointPosition: 0)
    }

    /// Canonical text for a JSON number literal, or `nil` when `bytes` is not one.
    package static func canonicalText(_ bytes: some Collection<UInt8>) -> String? {
        guard let parts = parts(bytes) else { return nil }
        return render(parts)
    }

    /// Splits a JSON number literal into sign, significant digits and decimal point position.
    package static func parts(_ bytes: some Collection<UInt8>) -> Parts? {
        var index = bytes.startIndex
        let end = bytes.endIndex
        func peek() -> UInt8? { index < end ? bytes[index] : nil }
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }

        var negative = false
        if peek() == UInt8(ascii: "-") {
            negative = true
            bytes.formIndex(after: &index)
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(bytes.count)
        guard isDigit(peek()) else { return nil }
        if peek() == UInt8(ascii: "0") {
            bytes.formIndex(after: &index)
            if isDigit(peek()) { return nil }  // leading zero
        } else {
            while isDigit(peek()), let byte = peek() {
                digits.append(byte)
                bytes.formIndex(after: &index)
            }
        }
        var point = digits.count
        if peek() == UInt8(ascii: ".") {
            bytes.formIndex(after: &index)
            guard isDigit(peek()) else { return nil }
            while isDigit(peek()), let byte = peek() {
                digits.append(byte)
                bytes.formIndex(after: &index)
            }
        }
        if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            bytes.formIndex(after: &index)
            var exponentNegative = false
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                exponentNegative = sign == UInt8(ascii: "-")
                bytes.formIndex(after: &index)
            }
            guard isDigit(peek()) else { return nil }
            var exponent = 0
            while isDigit(peek()), let byte = peek() {
                exponent = exponent * 10 + Int(byte - 0x30)
                if exponent > maximumExponentMagnitude { return nil }
                bytes.formIndex(after: &index)
            }
            point += exponentNegative ? -exponent : exponent
        }
        guard index == end else { return nil }
        // `point` counted digits before the '.', plus the exponent; strip zeros around the significant digits.
        let leading = digits.prefix { $0 == UInt8(ascii: "0") }.count
        if leading == digits.count { return Parts(isNegative: false, digits: [], pointPosition: 0) }
        let trailing = digits.reversed().prefix { $0 == UInt8(ascii: "0") }.count
        let significant = Array(digits[leading..<(digits.count - trailing)])
        return Parts(isNegative: negative, digits: significant, pointPosition: point - leading)
    }

    /// Renders parts in canonical form.
    package static func render(_ parts: Parts) -> String {
        let digits = parts.digits
        if digits.isEmpty { return "0" }
        let k = digits.count
        let n = parts.pointPosition
        var out: [UInt8] = []
        out.reserveCapacity(k + 24)
        if parts.isNegative { out.append(UInt8(ascii: "-")) }
        let zero = UInt8(ascii: "0")
        if k <= n && n <= 21 {
            out.append(contentsOf: digits)
            out.append(contentsOf: repeatElement(zero, count: n - k))
        } else if 0 < n && n <= 21 {
            out.append(contentsOf: digits[0..<n])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[n...])
        } else if -21 < n && n <= 0 {
            out.append(contentsOf: [zero, UInt8(ascii: ".")])
            out.append(contentsOf: repeatElement(zero, count: -n))
            out.append(contentsOf: digits)
        } else {
            out.append(digits[0])
            if k > 1 {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: digits[1...])
            }
            let exponent = n - 1
            out.append(UInt8(ascii: "e"))
            out.append(UInt8(ascii: exponent < 0 ? "-" : "+"))
            out.append(contentsOf: String(abs(exponent)).utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

// MARK: - Order by value

extension JSONNumber: Comparable {
    package static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        let a = lhs.decomposed
        let b = rhs.decomposed
        let signA = a.digits.isEmpty ? 0 : (a.isNegative ? -1 : 1)
        let signB = b.digits.isEmpty ? 0 : (b.isNegative ? -1 : 1)
        if signA != signB { return signA < signB }
        if signA == 0 { return false }
        let magnitudeLess: Bool
        let magnitudeEqual: Bool
        if a.pointPosition != b.pointPosition {
            magnitudeLess = a.pointPosition < b.pointPosition
            magnitudeEqual = false
        } else {
            magnitudeLess = a.digits.lexicographicallyPrecedes(b.digits)
            magnitudeEqual = a.digits == b.digits
        }
        if magnitudeEqual { return false }
        return signA > 0 ? magnitudeLess : !magnitudeLess
    }
}

extension JSONNumber: CustomStringConvertible {
    package var description: String { canonical }
}

extension JSONNumber: ExpressibleByIntegerLiteral {
    package init(integerLiteral value: Int) { self.init(value) }
}
