import Dispatch
import Foundation
import Synchronization

/// Ctrl-C for long-running commands: while `body` runs, SIGINT cancels `task` instead of killing the
/// process, so the transfer stops at its next cancellation check, keeps its checkpoint, and the command
/// exits 130 (DESIGN.md §12).
///
/// One dispatch signal source serves the whole process and is never cancelled; runs register and
/// unregister their task with it. Creating and cancelling a source per run raced inside libdispatch on
/// Linux when several runs overlap (in-process tests do), and a crashed manager thread takes the process.
enum InterruptSignal {
    /// Runs `body` with SIGINT routed to `task.cancel()`; once no run is registered any more, SIGINT kills
    /// the process again as it does by default.
    static func cancelling<T: Sendable, Success: Sendable>(
        _ task: Task<Success, any Error>,
        _ body: () async throws -> T
    ) async throws -> T {
        let token = InterruptRegistry.shared.register { task.cancel() }
        defer { InterruptRegistry.shared.unregister(token) }
        return try await body()
    }
}

/// The process-wide SIGINT source and the runs currently listening to it.
private final class InterruptRegistry: Sendable {
    static let shared = InterruptRegistry()

    private struct State: ~Copyable {
        var source: (any DispatchSourceSignal)?
        var nextToken = 0
        var handlers: [Int: @Sendable () -> Void] = [:]
    }

    private let state = Mutex(State())

    /// Adds `handler` to what SIGINT calls and makes SIGINT stop killing the process; returns the token that
    /// `unregister` takes.
    func register(_ handler: @escaping @Sendable () -> Void) -> Int {
        state.withLock { state in
            if state.source == nil {
                let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
                source.setEventHandler { [self] in fire() }
                source.resume()
                state.source = source
            }
            if state.handlers.isEmpty { signal(SIGINT, SIG_IGN) }
            let token = state.nextToken
            state.nextToken += 1
            state.handlers[token] = handler
            return token
        }
    }

    /// Removes a handler; the last one out restores SIGINT's default action.
    func unregister(_ token: Int) {
        state.withLock { state in
            state.handlers[token] = nil
            if state.handlers.isEmpty { signal(SIGINT, SIG_DFL) }
        }
    }

    private func fire() {
        let handlers = state.withLock { Array($0.handlers.values) }
        for handler in handlers { handler() }
    }
}
