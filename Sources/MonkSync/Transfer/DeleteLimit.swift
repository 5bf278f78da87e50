/// How many destination records one run may delete: `--max-delete N` or `--max-delete P%` (issue #7).
///
/// The default, like rclone's bisync, is half of the destination. A percentage is of the destination's
/// record count in scope at diff time.
///
/// ```swift
/// let limit = try DeleteLimit(parsing: "10%")
/// limit.allowedDeletes(destinationCount: 250)   // 25
/// ```
package enum DeleteLimit: Sendable, Hashable, CustomStringConvertible {
    /// At most this many deletes.
    case count(Int)
    /// At most this share (0–100) of the destination's records.
    case percent(Double)

    /// Half of the destination.
    package static let standard = DeleteLimit.percent(50)

    /// Reads `N` (a non-negative integer) or `P%` (0 to 100, decimals allowed).
    ///
    /// - Throws: ``SyncError`` `.invalidArgument` for anything else.
    package init(parsing text: String) throws(SyncError) {
        let invalid = SyncError(
            code: .invalidArgument,
            message: "--max-delete '\(text)': expected a count (100) or a percentage of the destination (10%)"
        )
        if text.hasSuffix("%") {
            guard let value = Double(text.dropLast()), value >= 0, value <= 100 else { throw invalid }
            self = .percent(value)
        } else {
            guard let value = Int(text), value >= 0 else { throw invalid }
            self = .count(value)
        }
    }

    /// The most deletes allowed against a destination of `destinationCount` records (rounded down).
    package func allowedDeletes(destinationCount: Int) -> Int {
        switch self {
        case .count(let count): count
        case .percent(let share): Int((Double(destinationCount) * share / 100).rounded(.down))
        }
    }

    package var description: String {
        switch self {
        case .count(let count): "\(count)"
        case .percent(let share): share == share.rounded() ? "\(Int(share))%" : "\(share)%"
        }
    }
}
