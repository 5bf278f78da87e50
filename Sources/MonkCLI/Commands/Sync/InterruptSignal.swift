import Dispatch
import Foundation

/// Ctrl-C for long-running commands: while `body` runs, SIGINT cancels `task` instead of killing the
/// process, so the transfer stops at its next cancellation check, keeps its checkpoint, and the command
/// exits 130 (DESIGN.md §12).
enum InterruptSignal {
    /// Runs `body` with SIGINT routed to `task.cancel()`, then restores the default handling.
    static func cancelling<T: Sendable, Success: Sendable>(
        _ task: Task<Success, any Error>,
        _ body: () async throws -> T
    ) async throws -> T {
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { task.cancel() }
        signal(SIGINT, SIG_IGN)
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        return try await body()
    }
}
