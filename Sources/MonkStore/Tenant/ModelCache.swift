import MonkCore
import Synchronization

/// Decoded model definitions and users of one tenant, reused by read transactions so a `GET` does not parse
/// the model and field rows, or read the caller's user row, again on every request.
///
/// Every write transaction bumps the generation after it ends, which drops all entries: a definition read in a
/// transaction that began before a write finished is stored under the older generation and never served.
/// Write transactions do not use the cache at all; they always read the definitions they validate against.
final class ModelCache: Sendable {
    private struct State {
        var generation = 0
        var models: [String: ModelInfo] = [:]
        var users: [String: StoredRecord] = [:]
    }
    private let state = Mutex(State())

    /// The current generation; capture it before a read transaction starts.
    var generation: Int { state.withLock { $0.generation } }

    /// The cached live model `name` of `generation`, or `nil`.
    func model(named name: String, generation: Int) -> ModelInfo? {
        state.withLock { $0.generation == generation ? $0.models[name] : nil }
    }

    /// Keeps `model`, read in a transaction that began at `generation`.
    func keep(_ model: ModelInfo, generation: Int) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.models.count > 1000 { state.models.removeAll() }
            state.models[model.name] = model
        }
    }

    /// The cached live user `id` of `generation`, or `nil`.
    func user(id: String, generation: Int) -> StoredRecord? {
        state.withLock { $0.generation == generation ? $0.users[id] : nil }
    }

    /// Keeps the live user `user`, read in a transaction that began at `generation`.
    func keep(user: StoredRecord, generation: Int) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.users.count > 10_000 { state.users.removeAll() }
            state.users[user.id] = user
        }
    }

    /// Forgets everything (after a write transaction ended, committed or not).
    func invalidate() {
        state.withLock { state in
            state.generation += 1
            state.models.removeAll()
            state.users.removeAll()
        }
    }
}
