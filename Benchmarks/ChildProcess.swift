import Glibc

/// Runs this executable again as a child and reports its output and peak memory (via `wait4`'s rusage), so
/// each side of a scenario is measured alone.
struct ChildProcess {
    /// What the child printed and how much memory it used.
    struct Outcome {
        var output: String
        /// Peak resident set size of the child alone, in bytes.
        var peakRSS: Int
        var status: Int32
    }

    /// Failures to start or wait for the child.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `/proc/self/exe` with `arguments`, collects its stdout and waits for it.
    static func run(_ arguments: [String]) throws -> Outcome {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw Failure(description: "pipe failed: errno \(errno)") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])

        let executable = "/proc/self/exe"
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            throw Failure(description: "posix_spawn failed: \(spawned)")
        }
        let output = readAll(fds[0])
        close(fds[0])
        var status: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &status, 0, &usage) == pid else { throw Failure(description: "wait4 failed: errno \(errno)") }
        // Linux reports ru_maxrss in KiB.
        return Outcome(output: output, peakRSS: Int(usage.ru_maxrss) * 1024, status: status)
    }

    private static func readAll(_ fd: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: buffer[0..<count])
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
