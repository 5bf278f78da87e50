import Foundation
import MonkSync

/// `--diff-first`: shows what a transfer would change and asks before applying it. Off a terminal the
/// question cannot be answered, so the run stops (exit 8) unless `--yes` answered it in advance.
struct TransferConfirmation: Sendable {
    let console: Console
    let isEnabled: Bool
    let assumeYes: Bool
    let destination: String
    /// Whether a person can answer on standard input.
    let canAsk: Bool

    init(_ context: CommandContext, options: TransferOptions, destination: String) {
        console = context.console
        isEnabled = options.diffFirst && !options.isDryRun
        assumeYes = options.assumeYes
        self.destination = destination
        canAsk = Terminal.isAvailable
    }

    /// Shows `plan` and returns whether to apply it; `true` straight away without `--diff-first`.
    ///
    /// - Throws: ``SyncError`` `.guardStopped` when nobody can answer and `--yes` was not given.
    func confirm(_ plan: TransferPlan) async throws -> Bool {
        guard isEnabled else { return true }
        console.err(TransferReportRenderer.planText(plan, destination: destination))
        if assumeYes || plan.changes == 0 { return true }
        guard canAsk else {
            throw SyncError(
                code: .guardStopped,
                message: "--diff-first: standard input is not a terminal, so nobody can confirm; nothing changed "
                    + "(pass --yes to apply without asking)"
            )
        }
        console.err("Apply these changes to \(destination)? [y/N] ")
        let answer = try await OffPool.run { readLine(strippingNewline: true) ?? "" }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
