import Foundation

/// Runs `body` with a fresh, empty directory that is removed afterwards, whatever `body` does.
///
/// Each test gets its own directory, so tests run in parallel without sharing files.
///
/// ```swift
/// try await withTemporaryDirectory { dir in
///     try "x".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
/// }
/// ```
package func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("monk-test-\(UUID().uuidString.lowercased())", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer {
        // Cleanup of a temporary directory: a failure here must not mask the test's own result.
        try? FileManager.default.removeItem(at: url)
    }
    return try await body(url)
}
