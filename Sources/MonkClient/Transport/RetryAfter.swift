/// Reads a `Retry-After` header value (RFC 9110 §10.2.3) as a delay.
///
/// The value is either whole seconds (`120`) or an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`, also the obsolete
/// RFC 850 and asctime forms). A date is turned into a delay against `now`, the wall-clock time the response
/// arrived, passed in so the function stays pure; a date in the past means "retry now".
///
/// ```swift
/// RetryAfter.delay(from: "3", now: 0)                                      // .seconds(3)
/// RetryAfter.delay(from: "Thu, 01 Jan 1970 00:01:00 GMT", now: 30)        // .seconds(30)
/// ```
package enum RetryAfter {
    /// The delay `value` asks for, or `nil` when it is neither a non-negative integer nor an HTTP date.
    ///
    /// - Parameters:
    ///   - value: the header value.
    ///   - now: seconds since 1970-01-01T00:00:00Z when the response arrived.
    package static func delay(from value: String, now: Int64) -> Duration? {
        let trimmed = value.trimmingASCIIWhitespace()
        if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            // Absurdly long digit strings saturate instead of failing: "wait a very long time".
            return .seconds(Int64(trimmed) ?? Int64.max / 1_000_000_000_000)
        }
        guard let date = epochSeconds(ofHTTPDate: trimmed) else { return nil }
        return .seconds(max(0, date - now))
    }

    /// Seconds since the epoch of an HTTP date in any of the three RFC 9110 forms, or `nil`.
    package static func epochSeconds(ofHTTPDate text: String) -> Int64? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" })
        var month: Int?
        var numbers: [Int64] = []
        var clock: (Int64, Int64, Int64)?
        for token in tokens {
            if token.contains(":") {
                let parts = token.split(separator: ":").compactMap { Int64($0) }
                guard parts.count == 3, clock == nil else { return nil }
                clock = (parts[0], parts[1], parts[2])
            } else if let number = Int64(token) {
                numbers.append(number)
            } else if month == nil, let index = monthNames.firstIndex(of: token.prefix(3).lowercased()) {
                month = index + 1
            }
        }
        guard let month, let (hour, minute, second) = clock, numbers.count == 2 else { return nil }
        let day = numbers[0]
        var year = numbers[1]
        if year < 100 { year += year < 70 ? 2000 : 1900 }
        guard (1...31).contains(day), hour < 24, minute < 60, second < 61, hour >= 0, minute >= 0, second >= 0 else {
            return nil
        }
        let days = daysSinceEpoch(year: year, month: Int64(month), day: day)
        return days * 86_400 + hour * 3_600 + minute * 60 + second
    }

    private static let monthNames = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]

    /// Days from 1970-01-01 to the given proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    private static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
