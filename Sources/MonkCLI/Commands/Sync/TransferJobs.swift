import Foundation
import MonkCommandLine
import MonkCore
import MonkSync

/// Builds the jobs of a transfer from its endpoints: the one place that knows how each kind of endpoint is
/// diffed and patched.
enum TransferJobs {
    /// What the commands compare and filter (`--fields`, `--ignore-fields`, `-f`, `-s`).
    struct Comparison: Sendable {
        var selection: FieldSelection
        var scope: [String]?
        var filter: RecordFilter?
    }

    /// One job from a local source to a local destination (JSONL files, directories, stdin).
    static func local(
        from source: LocalEndpoint,
        to destination: LocalEndpoint,
        comparison: Comparison,
        label: String? = nil
    ) -> TransferJob {
        TransferJob(
            label: label ?? destination.description,
            destination: destination.description,
            diff: { path in
                try await LocalDiff(
                    selection: comparison.selection,
                    scope: comparison.scope,
                    filter: comparison.filter
                ).run(
                    from: source,
                    to: destination,
                    patchPath: path,
                    createdAt: ISO8601DateFormatter().string(from: Date()),
                    generator: "monk \(MonkCLI.version)"
                )
            },
            target: { try LocalPatchTarget(destination) }
        )
    }

    /// The models a local source holds (after `-s`), sorted.
    static func models(of source: LocalEndpoint, comparison: Comparison) throws -> [String] {
        let models = try SourceOpener(selection: comparison.selection, scope: comparison.scope).open(source).models
        return models.map { $0.isEmpty ? "records" : $0 }
    }
}

extension SyncSelectionOptions {
    /// The comparison the selection options describe.
    static func comparison(_ parsed: ParsedCommand) throws -> TransferJobs.Comparison {
        TransferJobs.Comparison(selection: selection(parsed), scope: scope(parsed), filter: try filter(parsed))
    }
}
