import Foundation

/// API timestamps (`2025-11-22T18:13:42.123Z`: UTC, exactly three fraction digits, API.md §0.4).
package enum Timestamps {
    /// The current time as an API timestamp.
    package static func now() -> String {
        format(Date())
    }

    /// Milliseconds since the epoch, now.
    package static func epochMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// `date` as an API timestamp.
    package static func format(_ date: Date) -> String {
        format(epochMilliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// Milliseconds since 1970-01-01T00:00:00Z as an API timestamp.
    package static func format(epochMilliseconds milliseconds: Int64) -> String {
        var seconds = time_t(milliseconds.floorDivided(by: 1000))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))."
            + "\(pad(Int32(milliseconds - milliseconds.floorDivided(by: 1000) * 1000), 3))Z"
    }
}

/// Random record and tenant ids.
package enum UUIDs {
    /// A fresh version 4 UUID in lowercase canonical form.
    package static func random() -> String {
        UUID().uuidString.lowercased()
    }
}

extension Int64 {
    /// Division rounding toward negative infinity (timestamps before 1970).
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
