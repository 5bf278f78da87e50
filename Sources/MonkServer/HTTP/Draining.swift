import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// Shutdown bookkeeping (API.md §14): how many requests are running, and whether the server is draining, in
/// which case new requests are answered 503 `SERVICE_UNAVAILABLE` while the running ones finish.
final class DrainState: Sendable {
    private struct Counts {
        var running = 0
        var isDraining = false
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
    }
    private let counts = Mutex(Counts())

    /// Whether the server stopped taking new requests.
    var isDraining: Bool { counts.withLock { $0.isDraining } }

    /// Counts a request in; `false` (not counted) while draining.
    func enter() -> Bool {
        counts.withLock { counts in
            guard !counts.isDraining else { return false }
            counts.running += 1
            return true
        }
    }

    /// Counts a request out, waking ``drain()`` when it was the last one.
    func leave() {
        let waiters = counts.withLock { counts -> [CheckedContinuation<Void, Never>] in
            counts.running -= 1
            guard counts.running == 0, counts.isDraining else { return [] }
            defer { counts.idleWaiters.removeAll() }
            return counts.idleWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Refuses new requests from now on and returns when the running ones are done.
    func drain() async {
        await withCheckedContinuation { continuation in
            let isIdle = counts.withLock { counts in
                counts.isDraining = true
                if counts.running == 0 { return true }
                counts.idleWaiters.append(continuation)
                return false
            }
            if isIdle { continuation.resume() }
        }
    }
}

/// The Hummingbird application as a service that drains before it stops: on graceful shutdown it first answers
/// new requests with 503 until the running ones finish, then lets the HTTP server close its listener and
/// connections, so the requests' responses (streams included) are completed.
struct DrainingService<Inner: Service>: Service {
    let inner: Inner
    let drainState: DrainState
    let logger: Logger

    func run() async throws {
        let innerGroup = ServiceGroup(services: [inner], logger: logger)
        // Detached, so the HTTP server does not see this service's graceful shutdown directly (a service group
        // passes its parent's shutdown on to its services); it is shut down once the drain is over.
        let running = Task.detached { try await innerGroup.run() }
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await running.value
            } onGracefulShutdown: {
                Task {
                    await drainState.drain()
                    await innerGroup.triggerGracefulShutdown()
                }
            }
        } onCancel: {
            running.cancel()
        }
    }
}
