/// An instant with millisecond precision between 0000-01-01 and 9999-12-31 UTC: the `timestamp` field type.
///
/// Parsing accepts ISO-8601 as API.md §0.4 describes input; ``text`` is the one wire form
/// `YYYY-MM-DDTHH:MM:SS.mmmZ`. Comparable as instants.
///
/// ```swift
/// Timestamp("2025-11-22T19:13:42.123456+01:00")?.text   // "2025-11-22T18:13:42.123Z"
/// Timestamp("2025-11-22")?.text                         // "2025-11-22T00:00:00.000Z"
/// ```
package struct Timestamp: Sendable, Hashable, Comparable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    package var millisecondsSinceEpoch: Int64

    private static let millisecondsPerDay: Int64 = 86_400_000
    private static let range: ClosedRange<Int64> =
        Int64(CalendarDate(year: 0, month: 1, day: 1)?.daysSinceEpoch ?? 0) * millisecondsPerDay...Int64(
            (CalendarDate(year: 9999, month: 12, day: 31)?.daysSinceEpoch ?? 0) + 1
        ) * millisecondsPerDay - 1

    /// An instant from milliseconds since the epoch; `nil` outside years 0000–9999.
    package init?(millisecondsSinceEpoch: Int64) {
        guard Timestamp.range.contains(millisecondsSinceEpoch) else { return nil }
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// Parses ISO-8601 text: `YYYY-MM-DD`, or that followed by `T` (or `t` or a space), `HH:MM`, optional `:SS`,
    /// an optional fraction of 1–9 digits (truncated to milliseconds), and an optional zone `Z`, `z`,
    /// `±HH`, `±HHMM` or `±HH:MM`. No zone means UTC; a date alone means midnight UTC.
    ///
    /// Returns `nil` for anything else, for fields out of range (month 13, Feb 30, hour 24, second 60), and
    /// for instants that fall outside years 0000–9999 once converted to UTC.
    package init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, let date = CalendarDate(String(decoding: bytes[0..<10], as: UTF8.self)) else {
            return nil
        }
        var milliseconds = Int64(date.daysSinceEpoch) * Timestamp.millisecondsPerDay
        if bytes.count > 10 {
            guard let time = Timestamp.timeOfDay(bytes[10...]) else { return nil }
            milliseconds += time
        }
        self.init(millisecondsSinceEpoch: milliseconds)
    }

    /// The wire form, `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    package var text: String {
        let days = millisecondsSinceEpoch.floorDivided(by: Timestamp.millisecondsPerDay)
        var rest = millisecondsSinceEpoch - days * Timestamp.millisecondsPerDay
        let date = CalendarDate(daysSinceEpoch: Int(days))
        let hour = Int(rest / 3_600_000)
        rest %= 3_600_000
        let minute = Int(rest / 60_000)
        rest %= 60_000
        let second = Int(rest / 1000)
        let millisecond = Int(rest % 1000)
        return date.text + "T" + ASCIIDigits.padded(hour, width: 2) + ":" + ASCIIDigits.padded(minute, width: 2) + ":"
            + ASCIIDigits.padded(second, width: 2) + "." + ASCIIDigits.padded(millisecond, width: 3) + "Z"
    }

    package static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    /// Milliseconds (minus the zone offset) encoded by the part after the date: `THH:MM[:SS[.f]][zone]`.
    private static func timeOfDay(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var index = bytes.startIndex
        let separator = bytes[index]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ")
        else { return nil }
        index += 1
        guard let hour = twoDigits(bytes, at: index), hour < 24, byte(bytes, at: index + 2) == UInt8(ascii: ":"),
            let minute = twoDigits(bytes, at: index + 3), minute < 60
        else { return nil }
        index += 5
        var milliseconds = Int64(hour * 3_600_000 + minute * 60_000)
        if byte(bytes, at: index) == UInt8(ascii: ":") {
            guard let second = twoDigits(bytes, at: index + 1), second < 60 else { return nil }
            milliseconds += Int64(second * 1000)
            index += 3
            if byte(bytes, at: index) == UInt8(ascii: ".") || byte(bytes, at: index) == UInt8(ascii: ",") {
                index += 1
                let digits = bytes[index...].prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
                guard (1...9).contains(digits.count), let fraction = ASCIIDigits.value(digits.prefix(3)) else {
                    return nil
                }
                milliseconds += Int64(fraction * [100, 10, 1][min(digits.count, 3) - 1])
                index += digits.count
            }
        }
        guard let offset = zoneOffset(bytes[index...]) else { return nil }
        return milliseconds - offset
    }

    /// The zone's offset east of UTC in milliseconds: empty, `Z`, `±HH`, `±HHMM` or `±HH:MM`.
    private static func zoneOffset(_ bytes: ArraySlice<UInt8>) -> Int64? {
        guard let sign = bytes.first else { return 0 }
        if (sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z")) && bytes.count == 1 { return 0 }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        var digits = Array(bytes.dropFirst())
        if digits.count == 5, digits[2] == UInt8(ascii: ":") { digits.remove(at: 2) }
        guard digits.count == 2 || digits.count == 4, let hours = ASCIIDigits.value(digits.prefix(2)), hours < 24
        else { return nil }
        let minutes = digits.count == 4 ? ASCIIDigits.value(digits.suffix(2)) : 0
        guard let minutes, minutes < 60 else { return nil }
        let magnitude = Int64(hours * 3_600_000 + minutes * 60_000)
        return sign == UInt8(ascii: "-") ? -magnitude : magnitude
    }

    private static func byte(_ bytes: ArraySlice<UInt8>, at index: Int) -> UInt8? {
        bytes.indices.contains(index) ? bytes[index] : nil
    }

    private static func twoDigits(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int? {
        guard index >= bytes.startIndex, index + 2 <= bytes.endIndex else { return nil }
        return ASCIIDigits.value(bytes[index..<(index + 2)])
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
