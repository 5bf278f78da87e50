/// The pieces of a progress line and a result summary, formatted for people.
///
/// ```swift
/// ProgressFormat.bar(done: 1, total: 4, width: 8)   // "[██░░░░░░]"
/// ProgressFormat.duration(75)                        // "1:15"
/// ```
package enum ProgressFormat {
    /// `[████░░░░]`; all empty while the total is unknown.
    package static func bar(done: Int, total: Int?, width: Int) -> String {
        let filled = total.map { $0 > 0 ? min(width, done * width / $0) : width } ?? 0
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "]"
    }

    /// `1,234/5,000 records`, or `1,234 records` while the total is unknown.
    package static func counts(done: Int, total: Int?) -> String {
        (total.map { grouped(done) + "/" + grouped($0) } ?? grouped(done)) + " records"
    }

    /// `12,345 rec/s`.
    package static func rate(_ perSecond: Double) -> String {
        grouped(Int(perSecond.rounded())) + " rec/s"
    }

    /// `0:07`, `1:15`, `2:03:04`.
    package static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(secs))" : "\(minutes):\(two(secs))"
    }

    /// `1,234,567`.
    package static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }
}
