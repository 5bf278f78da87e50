import Foundation
import MonkTestSupport
import Synchronization
import Testing

/// A command against a server that is briefly unavailable: it waits as `Retry-After` says and succeeds.
@Suite struct RetryTests {
    @Test func commandRetriesAfter503WithRetryAfterAndSucceeds() async throws {
        let dataRequests = Mutex(0)
        let server = try LoopbackHTTPServer { request, _ in
            guard request.target.hasPrefix("/api/data/") else {
                return .json("{\"success\":false,\"error\":\"no\",\"error_code\":\"NOT_FOUND\"}", status: 404)
            }
            let attempt = dataRequests.withLock { count in
                count += 1
                return count
            }
            if attempt <= 2 {
                return .json(
                    "{\"success\":false,\"error\":\"busy\",\"error_code\":\"SERVICE_UNAVAILABLE\"}",
                    status: 503,
                    headers: [("Retry-After", "1")]
                )
            }
            return .json(
                "{\"success\":true,\"data\":[{\"id\":\"10000000-0000-4000-8000-000000000001\",\"name\":\"A\"}]}"
            )
        }
        defer { server.stop() }
        try await withTemporaryDirectory { dir in
            let started = ContinuousClock.now
            let result = try await MonkProcess.run(
                ["--json", "data", "list", "account", "--retries", "3", "--timeout", "30"],
                environment: [
                    "MONK_CLI_CONFIG_DIR": dir.path,
                    "MONK_API_BASE_URL": server.baseURL,
                    "MONK_API_TOKEN": "retry-test-token",
                ]
            )
            let elapsed = ContinuousClock.now - started
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("10000000-0000-4000-8000-000000000001"))
            #expect(elapsed >= .seconds(2), "two Retry-After: 1 waits should take at least 2 s, took \(elapsed)")
            #expect(dataRequests.withLock { $0 } == 3)
            #expect(!result.stdout.contains("retry-test-token") && !result.stderr.contains("retry-test-token"))
        }
    }
}
