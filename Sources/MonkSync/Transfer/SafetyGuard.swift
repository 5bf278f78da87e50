/// The checks every writing sync command makes before it changes anything (issue #7): a delete limit and a
/// refusal to sync from an empty source.
///
/// A guard that stops the run throws ``SyncError`` `.guardStopped` (exit status 8) before any write, with a
/// message that names the flag that lets the run through.
///
/// ```swift
/// try SafetyGuard(deleteLimit: .standard, allowsEmptySource: false).check(plan, destination: "staging:acme:users")
/// ```
package struct SafetyGuard: Sendable, Hashable {
    /// `--max-delete`.
    package var deleteLimit: DeleteLimit
    /// `--allow-empty-source`.
    package var allowsEmptySource: Bool

    package init(deleteLimit: DeleteLimit = .standard, allowsEmptySource: Bool = false) {
        self.deleteLimit = deleteLimit
        self.allowsEmptySource = allowsEmptySource
    }

    /// Checks `plan` against the guards.
    ///
    /// An empty source is refused when the destination holds records (an empty source usually means a
    /// wrong endpoint, a failed export or a filter that matches nothing); syncing nothing onto nothing is
    /// allowed. Deletes beyond ``deleteLimit`` are refused.
    ///
    /// - Parameter destination: the destination as the user wrote it, for the message.
    /// - Throws: ``SyncError`` `.guardStopped`.
    package func check(_ plan: TransferPlan, destination: String) throws(SyncError) {
        if plan.sourceCount == 0 && plan.destinationCount > 0 && !allowsEmptySource {
            throw SyncError(
                code: .guardStopped,
                message: "the source is empty and \(destination) holds \(plan.destinationCount) records; "
                    + "nothing changed (pass --allow-empty-source if that is what you want)"
            )
        }
        let allowed = deleteLimit.allowedDeletes(destinationCount: plan.destinationCount)
        if plan.deletes > allowed {
            throw SyncError(
                code: .guardStopped,
                message: "the run would delete \(plan.deletes) of \(plan.destinationCount) records in "
                    + "\(destination), more than --max-delete \(deleteLimit) allows (\(allowed)); nothing changed "
                    + "(raise --max-delete, or use --strategy merge to never delete)"
            )
        }
    }
}
