import Foundation
import MonkCore

#if canImport(Glibc)
    import Glibc
#endif

/// Reads and writes `config.json` in the client's configuration directory (DESIGN.md §12).
///
/// The directory is `$MONK_CLI_CONFIG_DIR`, else `$XDG_CONFIG_HOME/monk`, else `$HOME/.config/monk`, taken from
/// the environment passed in (never read globally, so tests point it into a temporary directory). The
/// directory is created with mode 0700 and the file is written with mode 0600, atomically: a temporary file
/// beside it is written, flushed with `fsync` and renamed over the old one, so a crash leaves either the old
/// or the new configuration, never a torn one.
///
/// ```swift
/// let store = try ConfigStore(environment: ProcessInfo.processInfo.environment)
/// try store.update { config in try config.addServer("local", url: "http://127.0.0.1:9001") }
/// ```
package struct ConfigStore: Sendable {
    /// The configuration directory.
    package let directory: String

    /// The path of `config.json`.
    package var path: String { directory + "/config.json" }

    /// A store in `directory`.
    package init(directory: String) {
        self.directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    }

    /// A store in the directory the environment names.
    ///
    /// - Throws: ``ConfigError`` (`.noDirectory`) when none of the variables is set.
    package init(environment: [String: String]) throws(ConfigError) {
        if let dir = environment["MONK_CLI_CONFIG_DIR"], !dir.isEmpty {
            self.init(directory: dir)
        } else if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            self.init(directory: xdg + "/monk")
        } else if let home = environment["HOME"], !home.isEmpty {
            self.init(directory: home + "/.config/monk")
        } else {
            throw ConfigError(
                code: .noDirectory,
                message: "cannot find a configuration directory: set MONK_CLI_CONFIG_DIR or HOME"
            )
        }
    }

    /// The stored configuration; an empty one when the file does not exist yet.
    ///
    /// - Throws: ``ConfigError`` (`.io`, `.malformed`) naming the file.
    package func load() throws(ConfigError) -> ClientConfig {
        guard FileManager.default.fileExists(atPath: path) else { return ClientConfig() }
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw ConfigError(code: .io, message: "\(path): cannot read the file (\(error.localizedDescription))")
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw ConfigError(code: .malformed, message: "\(path): \(error); fix or remove the file")
        }
        let config = try ClientConfig(json: json, source: path)
        tightenPermissions()
        return config
    }

    /// Restores mode 0600 on a file that other users can read (written by an older tool or by hand), since
    /// it holds tokens. A failure leaves the file as it was; reading it already worked.
    private func tightenPermissions() {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & 0o077 != 0 else { return }
        _ = chmod(path, 0o600)
    }

    /// Writes `config` atomically with mode 0600, creating the directory (mode 0700) when needed.
    ///
    /// - Throws: ``ConfigError`` (`.io`) naming the path and the system's reason.
    package func save(_ config: ClientConfig) throws(ConfigError) {
        try createDirectory()
        let bytes = Array(config.json.prettyString.utf8)
        let temporary = directory + "/.config.json.\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Self.ioError("cannot create", temporary) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard count > 0 else {
                let error = Self.ioError("cannot write", temporary)
                close(fd)
                unlink(temporary)
                throw error
            }
            written += count
        }
        guard fsync(fd) == 0, close(fd) == 0 else {
            let error = Self.ioError("cannot flush", temporary)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = Self.ioError("cannot replace", path)
            unlink(temporary)
            throw error
        }
        syncDirectory()
    }

    /// Loads the configuration, lets `body` change it, saves it, and returns `body`'s result.
    ///
    /// Nothing is saved when `body` throws; its error passes through.
    package func update<T>(_ body: (inout ClientConfig) throws -> T) throws -> T {
        var config = try load()
        let result = try body(&config)
        try save(config)
        return result
    }

    private func createDirectory() throws(ConfigError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ConfigError(code: .io, message: "\(directory): exists and is not a directory")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: directory,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw ConfigError(code: .io, message: "\(directory): cannot create (\(error.localizedDescription))")
        }
    }

    /// Flushes the directory entry of the rename; a failure only weakens durability, so it is not reported.
    private func syncDirectory() {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    private static func ioError(_ action: String, _ path: String) -> ConfigError {
        ConfigError(code: .io, message: "\(path): \(action) (\(String(cString: strerror(errno))))")
    }
}
