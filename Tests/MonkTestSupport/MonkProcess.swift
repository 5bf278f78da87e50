import Foundation

/// Runs the built `monk` binary as a child process, the way a user or a script would.
///
/// The environment is exactly what the test passes (plus `PATH`), so a run never sees the developer's config;
/// give every test its own `MONK_CLI_CONFIG_DIR`. The child is a ``SpawnedProcess``; its pipes are drained on
/// their own threads, so blocked tests cannot starve the cooperative pool.
///
/// ```swift
/// let result = try await MonkProcess.run(["--version"], environment: ["MONK_CLI_CONFIG_DIR": dir.path])
/// #expect(result.status == 0)
/// ```
package enum MonkProcess {
    /// What a finished run printed and how it exited.
    package struct Result: Sendable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    /// The `monk` executable next to the test bundle (SwiftPM puts products and test bundles in one folder).
    package static var executable: URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("monk"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("monk"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs `monk` with `arguments`, feeding `stdin` when given, and returns once it has exited.
    ///
    /// - Throws: when the binary cannot be started (for example, it was not built).
    package static func run(
        _ arguments: [String],
        environment: [String: String],
        stdin: String? = nil
    ) async throws -> Result {
        var env = environment
        env["PATH"] = env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let child = try SpawnedProcess(
            executable.path,
            arguments,
            environment: env,
            stdin: stdin == nil ? .null : .pipe,
            stdout: .pipe,
            stderr: .pipe
        )
        let stdoutData = drain(child.stdout)
        let stderrData = drain(child.stderr)
        if let stdin, let input = child.stdin { SpawnedProcess.writeAll(Array(stdin.utf8), to: input) }
        let status = await child.exitStatus()
        return Result(
            status: status,
            stdout: String(decoding: await stdoutData.value, as: UTF8.self),
            stderr: String(decoding: await stderrData.value, as: UTF8.self)
        )
    }

    /// Reads a pipe to its end on a dedicated thread and hands back everything it carried.
    private static func drain(_ descriptor: Int32?) -> Task<Data, Never> {
        guard let descriptor else { return Task { Data() } }
        let box = DataBox()
        Thread { box.set(Data(SpawnedProcess.readAll(descriptor))) }.start()
        return Task { await box.value() }
    }
}

/// Hands a value from a plain thread to async code.
private final class DataBox: @unchecked Sendable {
    // @unchecked: every access to `data` and `waiters` happens under `lock`.
    private let lock = NSLock()
    private var data: Data?
    private var waiters: [CheckedContinuation<Data, Never>] = []

    func set(_ value: Data) {
        lock.lock()
        data = value
        let pending = waiters
        waiters = []
        lock.unlock()
        for waiter in pending { waiter.resume(returning: value) }
    }

    func value() async -> Data {
        await withCheckedContinuation { continuation in
            lock.lock()
            if let data {
                lock.unlock()
                continuation.resume(returning: data)
            } else {
                waiters.append(continuation)
                lock.unlock()
            }
        }
    }
}
