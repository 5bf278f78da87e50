import MonkCore
import MonkSync

/// The closing line of a transfer (`✓ Copied a → b: 3 inserted, 1 updated, 0 deleted, 96 unchanged in 0.4 s`;
/// `⚠ Copied a → b with 1 failure (above): …` when a job failed) or, with `--json`, one JSON object on standard
/// output.
struct TransferReportRenderer {
    let output: OutputOptions
    let command: String
    let source: String
    let destination: String

    /// Prints the result of a run.
    func render(_ summary: TransferSummary, options: TransferOptions, seconds: Double) {
        let plan = summary.plan
        if output.isJSON {
            output.console.line(json(summary, options: options, seconds: seconds).canonicalString)
            return
        }
        if summary.isDeclined {
            output.warning("Nothing applied to \(destination)")
            return
        }
        let verb = options.isDryRun ? "Would \(command.split(separator: " ").last ?? "apply")" : pastTense
        let failures = summary.failures.count
        var text = "\(verb) \(source) → \(destination)"
        if failures > 0 { text += " with \(failures) \(failures == 1 ? "failure" : "failures") (above)" }
        text +=
            ": \(summary.inserted) inserted, \(summary.updated) updated, "
            + "\(summary.deleted) deleted, \(plan.unchanged) unchanged"
        if plan.skipped > 0 { text += ", \(plan.skipped) left out by --strategy \(options.strategy.rawValue)" }
        if plan.withheldDeletes > 0 { text += ", \(plan.withheldDeletes) deletes withheld after an error" }
        text += options.isDryRun ? " (dry run: nothing changed)" : " in \(Self.seconds(seconds))"
        // A run with a failure never closes with a tick, even when other models of it went through.
        if failures > 0 { output.warning(text) } else { output.success(text) }
    }

    /// What `--diff-first` shows before asking.
    static func planText(_ plan: TransferPlan, destination: String) -> String {
        "Changes to \(destination): \(plan.inserts) to insert, \(plan.updates) to update, \(plan.deletes) to delete, "
            + "\(plan.unchanged) unchanged\n"
    }

    private var pastTense: String {
        switch command {
        case "sync pull": "Pulled"
        case "sync push": "Pushed"
        default: "Copied"
        }
    }

    private func json(_ summary: TransferSummary, options: TransferOptions, seconds: Double) -> JSONValue {
        let plan = summary.plan
        let number = { (value: Int) in JSONValue.number(JSONNumber(value)) }
        return [
            "command": .string(command), "source": .string(source), "destination": .string(destination),
            "strategy": .string(options.strategy.rawValue), "dry_run": .bool(options.isDryRun),
            "declined": .bool(summary.isDeclined), "resumed": .bool(summary.resumed != nil),
            "inserted": number(summary.inserted), "updated": number(summary.updated),
            "deleted": number(summary.deleted), "unchanged": number(plan.unchanged),
            "skipped": number(plan.skipped), "withheld_deletes": number(plan.withheldDeletes),
            "source_count": number(plan.sourceCount), "destination_count": number(plan.destinationCount),
            "failures": .array(
                summary.failures.map { .string("\($0.label): \(ExitStatus.message(for: $0.error))") }
            ),
            "elapsed_ms": number(Int((seconds * 1000).rounded())),
        ]
    }

    /// `0.4 s`, `12.3 s`.
    private static func seconds(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
