import Crypto
import Synchronization

/// A fixed-window request counter per key (client IP, or tenant+username for failed logins) (API.md §14).
///
/// `admit` counts one request and returns `nil` while the key is under its limit, else the whole seconds until
/// the window resets, for `Retry-After`. Time is passed in, so tests drive it without sleeping.
final class RateLimiter: Sendable {
    /// One key's current window: when it started and how many requests it has seen.
    private struct Window {
        var start: ContinuousClock.Instant
        var count: Int
    }

    /// Requests allowed per window.
    let limit: Int
    /// Window length.
    let window: Duration
    private let windows: Mutex<[String: Window]> = Mutex([:])

    init(limit: Int, window: Duration = .seconds(60)) {
        self.limit = limit
        self.window = window
    }

    /// Counts a request for `key`; `nil` when admitted, else seconds to wait.
    func admit(key: String, now: ContinuousClock.Instant) -> Int? {
        windows.withLock { windows in
            if windows.count > 10_000 { windows = windows.filter { now - $0.value.start < window } }
            var current = windows[key] ?? Window(start: now, count: 0)
            if now - current.start >= window { current = Window(start: now, count: 0) }
            current.count += 1
            windows[key] = current
            guard current.count > limit else { return nil }
            let remaining = window - (now - current.start)
            return max(1, Int(remaining.components.seconds) + (remaining.components.attoseconds > 0 ? 1 : 0))
        }
    }

    /// The per-token key for an `Authorization` value: a digest, so the limiter never holds a token.
    static func tokenKey(_ authorization: String) -> String {
        SHA256.hash(data: Array(authorization.utf8)).prefix(16).map { String($0, radix: 16) }.joined()
    }

    /// Whether `ip` is a loopback address (exempt from the per-IP limit).
    static func isLoopback(_ ip: String) -> Bool {
        ip.hasPrefix("127.") || ip == "::1"
    }
}
