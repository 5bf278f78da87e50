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
    private let process: Process
    private let output = Mutex<(out: String, err: String)>(("", ""))
    private let exit = Mutex<Int32?>(nil)

    private init(process: Process) { self.process = process }

    /// Starts `monk` with `arguments` and exactly `environment` (plus `PATH`).
    package static func start(_ arguments: [String], environment: [String: String]) throws -> BackgroundMonk {
        let process = Process()
        process.executableURL = MonkProcess.executable
        process.arguments = arguments
        var env = environment
        env["PATH"] = env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        process.environment = env
        let monk = BackgroundMonk(process: process)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.terminationHandler = { finished in monk.exit.withLock { $0 = finished.terminationStatus } }
        try process.run()
        PipeReader.start(out) { text in monk.output.withLock { $0.out += text } }
        PipeReader.start(err) { text in monk.output.withLock { $0.err += text } }
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
            if let status = exit.withLock({ $0 }) {
                throw BackgroundMonkError(message: "monk exited with \(status) before `\(prefix)`: \(stderr)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw BackgroundMonkError(message: "no `\(prefix)` line within \(timeout): \(stderr)")
    }

    /// Sends SIGTERM and returns the exit status once the process has ended (SIGKILL after `timeout`).
    package func stop(timeout: Duration = .seconds(30)) async throws -> Int32 {
        if process.isRunning { process.terminate() }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = exit.withLock({ $0 }) { return status }
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(process.processIdentifier, SIGKILL)
        throw BackgroundMonkError(message: "monk did not stop within \(timeout) of SIGTERM")
    }
}

/// Why a background `monk` did not do what the test waited for.
package struct BackgroundMonkError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
