import MonkCore

/// The progress file of a writing sync command (issue #7): under the config dir, keyed by the command and
/// its endpoints, written when the apply starts and after every committed job, removed when the run ends.
///
/// A file left behind means the last run with these endpoints was interrupted; the next run reports that it
/// resumes. Correctness does not depend on the file: every run diffs again, so committed work is never
/// redone and nothing is lost.
///
/// ```swift
/// let checkpoint = TransferCheckpoint(directory: configDir + "/checkpoints", command: "sync copy",
///                                     source: "a:t:users", destination: "b:t:users")
/// if let previous = checkpoint.load() { print("resuming: \(previous.applied) of \(previous.total)") }
/// ```
package struct TransferCheckpoint: Sendable {
    /// What a checkpoint records.
    package struct State: Sendable, Hashable {
        /// When the interrupted run started, ISO 8601 UTC.
        package var startedAt: String
        /// Operations the run planned.
        package var total: Int
        /// Operations committed when the file was written.
        package var applied: Int
        /// Jobs (models) finished.
        package var finished: [String]

        package init(startedAt: String, total: Int, applied: Int = 0, finished: [String] = []) {
            self.startedAt = startedAt
            self.total = total
            self.applied = applied
            self.finished = finished
        }
    }

    /// The checkpoint file.
    package var path: String { store.path(for: key) }
    private let store: CheckpointStore
    private let key: String
    private let command: String
    private let source: String
    private let destination: String

    /// The checkpoint of `command` from `source` to `destination` in `directory` (created when first saved).
    package init(directory: String, command: String, source: String, destination: String) {
        store = CheckpointStore(directory: directory)
        key = CheckpointStore.key("transfer", command, source, destination)
        self.command = command
        self.source = source
        self.destination = destination
    }

    /// The state an interrupted run left, or `nil` when there is none (or it cannot be read, which only
    /// loses the "resuming" message).
    package func load() -> State? {
        guard let object = try? store.load(key),
            case .string(let startedAt)? = object["started_at"],
            case .number(let total)? = object["total"], let totalCount = Int(total.description),
            case .number(let applied)? = object["applied"], let appliedCount = Int(applied.description)
        else { return nil }
        var finished: [String] = []
        if case .array(let names)? = object["finished"] {
            finished = names.compactMap { if case .string(let name) = $0 { name } else { nil } }
        }
        return State(startedAt: startedAt, total: totalCount, applied: appliedCount, finished: finished)
    }

    /// Writes `state` atomically.
    ///
    /// - Throws: ``SyncError`` `.io` when the directory cannot be created or written.
    package func save(_ state: State) throws {
        try store.save(
            key,
            [
                "command": .string(command), "source": .string(source), "destination": .string(destination),
                "started_at": .string(state.startedAt), "total": .number(JSONNumber(state.total)),
                "applied": .number(JSONNumber(state.applied)),
                "finished": .array(state.finished.map { .string($0) }),
            ]
        )
    }

    /// Removes the file after a complete run.
    package func remove() {
        // A file that is already gone is the goal; one that cannot be removed only makes the next run say
        // it resumes, which is harmless because every run diffs again.
        try? store.remove(key)
    }
}
