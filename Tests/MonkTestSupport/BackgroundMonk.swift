import Foundation
import Synchronization

/// A long-running `monk` child process, such as `monk serve`, that a test starts, talks to and stops.
///
/// Output is collected as it arrives, so a test can wait for a line (`listening on …`) with a deadline instead
/// of sleeping. `stop()` sends SIGTERM and returns the exit status.
///
/// ```swift
/// let serve = try BackgroundMonk.start(["serve", "--port", "0", "--data-dir", dir.path], environment: env)
/// let url = try await serve.waitForLine(startingWith: "listening on ")
/// ```
package final class BackgroundMonk: Sendable {
    private let child: SpawnedProcess
    private let output = Mutex<(out: String, err: String)>(("", ""))

    private init(child: SpawnedProcess) { self.child = child }

    /// Starts `monk` with `arguments` and exactly `environment` (plus `PATH`).
    package static func start(_ arguments: [String], environment: [String: String]) throws -> BackgroundMonk {
        var env = environment
        env["PATH"] = env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let child = try SpawnedProcess(
            MonkProcess.executable.path,
            arguments,
            environment: env,
            stdout: .pipe,
            stderr: .pipe
        )
        let monk = BackgroundMonk(child: child)
        if let out = child.stdout { PipeReader.start(out) { text in monk.output.withLock { $0.out += text } } }
        if let err = child.stderr { PipeReader.start(err) { text in monk.output.withLock { $0.err += text } } }
        return monk
    }

    /// Everything written to standard output so far.
    package var stdout: String { output.withLock { $0.out } }
    /// Everything written to standard error so far.
    package var stderr: String { output.withLock { $0.err } }

    /// The rest of the first stdout line that starts with `prefix`, once it has been printed.
    ///
    /// - Throws: when the process exits first or `timeout` passes.
    package func waitForLine(startingWith prefix: String, timeout: Duration = .seconds(60)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = stdout.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) {
                return String(line.dropFirst(prefix.count))
            }
            if !child.isRunning {
                throw BackgroundMonkError(
                    message: "monk exited with \(await child.exitStatus()) before `\(prefix)`: \(stderr)"
                )
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw BackgroundMonkError(message: "no `\(prefix)` line within \(timeout): \(stderr)")
    }

    /// Sends SIGTERM and returns the exit status once the process has ended (SIGKILL after `timeout`).
    package func stop(timeout: Duration = .seconds(30)) async throws -> Int32 {
        child.send(SIGTERM)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if !child.isRunning { return await child.exitStatus() }
            try await Task.sleep(for: .milliseconds(20))
        }
        child.send(SIGKILL)
        throw BackgroundMonkError(message: "monk did not stop within \(timeout) of SIGTERM")
    }
}

/// Why a background `monk` did not do what the test waited for.
package struct BackgroundMonkError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
