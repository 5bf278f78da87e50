/// What a whole transfer did: each job's outcome, the jobs that failed, and whether it resumed a run.
package struct TransferSummary: Sendable {
    /// The jobs that planned (and, unless a dry run, applied), in job order.
    package var outcomes: [TransferOutcome] = []
    /// The jobs that failed, with their errors.
    package var failures: [TransferFailure] = []
    /// What the interrupted run before this one recorded, or `nil` when this run starts afresh.
    package var resumed: TransferCheckpoint.State?
    /// Whether the user answered no to `--diff-first`'s question (nothing was applied).
    package var isDeclined = false

    package init(resumed: TransferCheckpoint.State? = nil) {
        self.resumed = resumed
    }

    /// Every job's plan added up.
    package var plan: TransferPlan {
        outcomes.reduce(into: TransferPlan()) { $0.add($1.plan) }
    }

    /// Records inserted (or, in a dry run, that would be).
    package var inserted: Int { outcomes.reduce(0) { $0 + ($1.applied?.inserted ?? 0) } }
    /// Records updated (or that would be).
    package var updated: Int { outcomes.reduce(0) { $0 + ($1.applied?.updated ?? 0) } }
    /// Records deleted (or that would be).
    package var deleted: Int { outcomes.reduce(0) { $0 + ($1.applied?.deleted ?? 0) } }
}

/// A job that failed, and why.
package struct TransferFailure: Sendable {
    package var label: String
    package var error: any Error

    package init(label: String, error: any Error) {
        self.label = label
        self.error = error
    }
}

/// How far a transfer is: operations applied of the total, per phase.
package struct TransferProgress: Sendable, Hashable {
    /// The phase a transfer is in.
    package enum Phase: String, Sendable {
        /// Comparing source and destination.
        case diff
        /// Writing the differences.
        case apply
    }

    package var phase: Phase
    /// The job (model) the update is about; empty for the whole run.
    package var label: String
    /// Operations applied so far.
    package var done: Int
    /// Operations to apply, once known.
    package var total: Int?

    package init(phase: Phase, label: String, done: Int, total: Int?) {
        self.phase = phase
        self.label = label
        self.done = done
        self.total = total
    }
}
