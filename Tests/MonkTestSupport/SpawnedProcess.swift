import Foundation
import Synchronization

/// A child process started with `posix_spawn`, for tests that run `monk`, `curl` or a shell.
///
/// Used instead of Foundation's `Process`: on Linux with Swift 6.3.1, `Process.run()` scans `/proc/self/fd` with
/// a `dirent` copy that can read past glibc's buffer, and the test process dies with SIGSEGV in `memcpy` about
/// once in a few runs of a suite that starts many children (swift-corelibs-foundation#5472). Here the child
/// gets its three standard streams and nothing else (every other descriptor is closed in the child), and a
/// plain thread blocked in `waitpid` collects its exit status.
///
/// ```swift
/// let child = try SpawnedProcess("/usr/bin/curl", ["-s", url], stdout: .pipe)
/// let output = SpawnedProcess.readAll(child.stdout!)
/// #expect(await child.exitStatus() == 0)
/// ```
package final class SpawnedProcess: Sendable {
    /// What a standard stream of the child is connected to.
    package enum Stream: Sendable {
        /// A pipe whose other end the test gets (``stdin``, ``stdout``, ``stderr``).
        case pipe
        /// `/dev/null`.
        case null
    }

    /// The child's process id.
    package let pid: pid_t
    /// The write end of the child's standard input, when it is ``Stream/pipe``; the test closes it.
    package let stdin: Int32?
    /// The read end of the child's standard output, when it is ``Stream/pipe``; the test reads and closes it.
    package let stdout: Int32?
    /// The read end of the child's standard error, when it is ``Stream/pipe``; the test reads and closes it.
    package let stderr: Int32?
    private let status = Mutex<Int32?>(nil)

    /// Starts `executable` with `arguments` and exactly `environment`.
    ///
    /// - Throws: ``SpawnError`` when a pipe cannot be made or the executable cannot be started.
    package init(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        stdin stdinStream: Stream = .null,
        stdout stdoutStream: Stream = .null,
        stderr stderrStream: Stream = .null
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // The parent's ends, and the child's ends to close in the parent once it has started.
        var parentEnds: [Int32?] = []
        var childEnds: [Int32] = []
        for (target, stream) in [
            (STDIN_FILENO, stdinStream), (STDOUT_FILENO, stdoutStream), (STDERR_FILENO, stderrStream),
        ] {
            switch stream {
            case .null:
                posix_spawn_file_actions_addopen(
                    &actions,
                    target,
                    "/dev/null",
                    target == STDIN_FILENO ? O_RDONLY : O_WRONLY,
                    0
                )
                parentEnds.append(nil)
            case .pipe:
                var fds: [Int32] = [0, 0]
                guard Self.pipe2(&fds, O_CLOEXEC) == 0 else {
                    throw SpawnError(message: "pipe2 failed: errno \(errno)")
                }
                let (childEnd, parentEnd) = target == STDIN_FILENO ? (fds[0], fds[1]) : (fds[1], fds[0])
                posix_spawn_file_actions_adddup2(&actions, childEnd, target)
                parentEnds.append(parentEnd)
                childEnds.append(childEnd)
            }
        }
        // Nothing else of this process (sockets, other children's pipes) leaks into the child.
        _ = Self.addCloseFrom?(&actions, 3)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        for fd in childEnds { close(fd) }
        guard spawned == 0 else {
            for fd in parentEnds.compactMap({ $0 }) { close(fd) }
            throw SpawnError(message: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        self.pid = pid
        stdin = parentEnds[0]
        stdout = parentEnds[1]
        stderr = parentEnds[2]
        let child = pid
        Thread { [self] in
            var raw: Int32 = 0
            while waitpid(child, &raw, 0) < 0 && errno == EINTR {}
            // The exit code, or the signal that ended the child (as Foundation's `terminationStatus` has it).
            let code = raw & 0x7f == 0 ? (raw >> 8) & 0xff : raw & 0x7f
            self.status.withLock { $0 = code }
        }
        .start()
    }

    /// glibc's `pipe2` and `posix_spawn_file_actions_addclosefrom_np`, which Swift's Glibc module leaves out
    /// (they need `_GNU_SOURCE`). `pipe2` makes both ends close-on-exec atomically, so a child another test
    /// spawns at the same moment cannot inherit them and hold a pipe open.
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let pipe2: Pipe2 = unsafeBitCast(dlsym(nil, "pipe2"), to: Pipe2.self)
    private static let addCloseFrom: AddCloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: AddCloseFrom.self)
    }

    /// Whether the child has not been reaped yet.
    package var isRunning: Bool { status.withLock { $0 } == nil }

    /// The exit status once the child has ended: its exit code, or the number of the signal that ended it.
    package func exitStatus() async -> Int32 {
        while true {
            if let code = status.withLock({ $0 }) { return code }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Sends `signal` to the child while it runs.
    package func send(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    /// Reads `fd` to its end with blocking reads and closes it. Call it off the cooperative pool (on a
    /// ``PipeReader`` thread), or only once the child has exited and its output sits in the pipe.
    package static func readAll(_ fd: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        PipeReader.readChunks(fd) { bytes += $0 }
        return bytes
    }

    /// Writes all of `bytes` to `fd` and closes it; a child that has already exited just misses them.
    package static func writeAll(_ bytes: [UInt8], to fd: Int32) {
        // A write to a pipe nobody reads must fail with EPIPE, not end the test process.
        signal(SIGPIPE, SIG_IGN)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written > 0 {
                offset += written
            } else if written < 0 && errno != EINTR {
                break
            }
        }
        close(fd)
    }
}

/// Why a child process could not be started.
package struct SpawnError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
