import Foundation
import MonkCommandLine

/// The controlling terminal (`/dev/tty`), used to ask for a password with echo turned off (termios).
enum Terminal {
    /// Whether a person is there to ask: standard input is a terminal and the controlling terminal opens.
    ///
    /// A script that pipes or redirects standard input never gets a prompt it cannot answer; it is told to
    /// use `--password-stdin` instead.
    static var isAvailable: Bool {
        guard isatty(STDIN_FILENO) == 1 else { return false }
        let descriptor = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return isatty(descriptor) == 1
    }

    /// Prints `prompt` on the terminal, reads one line with echo off, and restores the terminal (blocking).
    ///
    /// The echo setting is restored before returning, also when reading fails.
    ///
    /// - Throws: ``UsageError`` (exit 2, pointing at `--password-stdin`) when the terminal cannot be opened or
    ///   configured.
    static func readSecret(prompt: String, commandPath: [String]) throws -> String {
        let failure = { (problem: String) in
            UsageError(problem, suggestion: "pipe the password in with --password-stdin", commandPath: commandPath)
        }
        let descriptor = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open the terminal to ask for a password") }
        defer { close(descriptor) }
        var saved = termios()
        guard tcgetattr(descriptor, &saved) == 0 else {
            throw failure("cannot read the terminal settings to ask for a password")
        }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ECHONL)
        write(descriptor, prompt)
        guard tcsetattr(descriptor, TCSAFLUSH, &silent) == 0 else {
            throw failure("cannot turn off the terminal echo to ask for a password")
        }
        defer { _ = tcsetattr(descriptor, TCSAFLUSH, &saved) }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while read(descriptor, &byte, 1) == 1, byte != UInt8(ascii: "\n") {
            line.append(byte)
            if line.count > 4096 { break }
        }
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return String(decoding: line, as: UTF8.self)
    }

    private static func write(_ descriptor: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        // A prompt that cannot be shown changes nothing: the read that follows still gets the answer or fails.
        _ = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
    }
}
