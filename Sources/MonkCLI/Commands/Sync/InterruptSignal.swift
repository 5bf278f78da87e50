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
    /// Runs `body` with SIGINT routed to `task.cancel()`; while no run is registered, SIGINT ends the
    /// process as it does by default.
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
///
/// The disposition of SIGINT is left to libdispatch: on Linux a signal source installs a handler that steers
/// the signal to the source (blocking it and raising it again), and setting the disposition afterwards, say
/// to `SIG_IGN`, would silently drop it. So a SIGINT that arrives while no run is registered does here what
/// the default action does: it ends the process by that signal.
private final class InterruptRegistry: Sendable {
    static let shared = InterruptRegistry()

    private struct State: ~Copyable {
        var source: (any DispatchSourceSignal)?
        var nextToken = 0
        var handlers: [Int: @Sendable () -> Void] = [:]
    }

    private let state = Mutex(State())

    /// Adds `handler` to what SIGINT calls; returns the token that `unregister` takes.
    func register(_ handler: @escaping @Sendable () -> Void) -> Int {
        state.withLock { state in
            if state.source == nil {
                let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
                source.setEventHandler { [self] in fire() }
                source.resume()
                state.source = source
            }
            let token = state.nextToken
            state.nextToken += 1
            state.handlers[token] = handler
            return token
        }
    }

    /// Removes a handler.
    func unregister(_ token: Int) {
        state.withLock { state in state.handlers[token] = nil }
    }

    private func fire() {
        let handlers = state.withLock { Array($0.handlers.values) }
        guard handlers.isEmpty else {
            for handler in handlers { handler() }
            return
        }
        // Nobody to cancel: die of SIGINT as an unhandled Ctrl-C would.
        signal(SIGINT, SIG_DFL)
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
        raise(SIGINT)
    }
}
