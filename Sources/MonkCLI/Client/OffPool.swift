import Foundation

/// Runs blocking work (reading files or standard input, a terminal prompt) on a thread of its own, so it never
/// occupies one of the two threads of Swift's cooperative pool (STYLE.md §3.4).
enum OffPool {
    /// Runs `body` on a new thread and returns its result, or rethrows its error.
    ///
    /// ```swift
    /// let bytes = try await OffPool.run { try InputFile.read(path: "users.json", limit: 1 << 20) }
    /// ```
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try body() })
            }
            thread.start()
        }
    }
}
