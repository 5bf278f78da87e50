import Foundation
import MonkArchive
import MonkCore

/// Where a command reads a JSON or YAML document from: `FILE`, `@FILE`, `-` (standard input), or inline JSON.
///
/// A word starting with `{` or `[` is the document itself; `-` (or a left-out argument, where the command
/// allows it) reads standard input; `@path` and any other word name a file. Files ending in `.yaml` or `.yml`
/// are read as YAML, everything else as JSON. Errors name where the text came from, so
/// `monk data create account bad.json` fails with `bad.json: line 2, column 9 (byte 18): …` and exit 7.
enum InputSource: Sendable, Equatable {
    /// Standard input.
    case standardInput
    /// A file path.
    case file(String)
    /// The document given on the command line.
    case inline(String)

    /// The largest document read, in bytes (the server's default body limit, API.md §14).
    static let byteLimit = 64 << 20

    /// The source a command-line word names; `nil` (argument left out) means standard input.
    init(argument: String?) {
        guard let argument, argument != "-" else {
            self = .standardInput
            return
        }
        if argument.hasPrefix("@") {
            self = .file(String(argument.dropFirst()))
        } else if argument.hasPrefix("{") || argument.hasPrefix("[") {
            self = .inline(argument)
        } else {
            self = .file(argument)
        }
    }

    /// How messages name the source.
    var name: String {
        switch self {
        case .standardInput: "standard input"
        case .file(let path): path
        case .inline: "the command-line argument"
        }
    }

    /// Whether the text is YAML (a file named `*.yaml` or `*.yml`).
    var isYAML: Bool {
        guard case .file(let path) = self else { return false }
        let lowered = path.lowercased()
        return lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml")
    }

    /// Reads and parses the document, off the cooperative pool.
    ///
    /// - Throws: ``ArchiveError`` `.notFound` for a missing file (exit 3), `.invalidData` for malformed JSON or
    ///   YAML or a document over ``byteLimit`` (exit 7), `.io` when the file cannot be read.
    func load() async throws -> JSONValue {
        let source = self
        return try await OffPool.run { try source.parse(source.readBytes()) }
    }

    /// Parses `bytes` read from this source.
    func parse(_ bytes: [UInt8]) throws -> JSONValue {
        if isYAML { return try YAMLReader.parse(bytes, source: name) }
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw ArchiveError(code: .invalidData, message: "\(name): \(error)")
        }
    }

    /// The raw bytes of the source (blocking).
    func readBytes() throws -> [UInt8] {
        switch self {
        case .inline(let text):
            return Array(text.utf8)
        case .standardInput:
            return try Self.readAll(descriptor: STDIN_FILENO, name: name)
        case .file(let path):
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                let reason = String(cString: strerror(errno))
                let code: ArchiveError.Code = errno == ENOENT ? .notFound : .io
                throw ArchiveError(code: code, message: "\(path): cannot open (\(reason))")
            }
            defer { close(descriptor) }
            return try Self.readAll(descriptor: descriptor, name: path)
        }
    }

    /// Reads a descriptor to its end, refusing more than ``byteLimit`` bytes.
    private static func readAll(descriptor: Int32, name: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                throw ArchiveError(code: .io, message: "\(name): cannot read (\(reason))")
            }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > byteLimit {
                throw ArchiveError(code: .invalidData, message: "\(name): larger than \(byteLimit >> 20) MiB")
            }
        }
    }
}

extension InputSource {
    /// Loads a document that must be a JSON object.
    ///
    /// - Throws: as ``load()``; ``ArchiveError`` `.invalidData` when the document is not an object.
    func loadObject() async throws -> JSONObject {
        let value = try await load()
        guard case .object(let object) = value else {
            throw ArchiveError(code: .invalidData, message: "\(name): expected a JSON object, found \(value.typeName)")
        }
        return object
    }
}
