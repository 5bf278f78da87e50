import Foundation
import Glibc
import MonkCore

/// `transfer-pull-jsonl`: `monk sync pull --layout jsonl` of the whole source model into a new directory
/// (issue #7: ≤ 2 s wall for 1M records); baseline: curl of the same JSONL stream into a file.
struct TransferPullJSONLScenario: Scenario {
    static let name = "transfer-pull-jsonl"
    static let summary = "sync pull to jsonl from monk serve vs curl of the JSONL stream"
    static let goalDescription = "<=2s wall"
    private let fixture: TransferFixture

    init() {
        fixture = TransferScenarios.fixture()
    }

    func run(_ side: Side) throws -> Work {
        let directory = TransferScenarios.freshDirectory(fixture)
        let file: String
        switch side {
        case .monk:
            try TransferScenarios.monk(fixture, ["sync", "pull", "one:demo:bench", directory, "--layout", "jsonl"])
            file = directory + "/bench.jsonl"
        case .baseline:
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            file = directory + "/bench.jsonl"
            try TransferScenarios.curlSource(fixture, into: file)
        }
        // The size, not a line count: reading the file back would be timed and counted in the peak RSS.
        return Work(bytes: TransferScenarios.size(file), checksum: "bytes\(TransferScenarios.size(file))")
    }

    static func meetsGoal(_ measurement: Measurement) -> Bool { measurement.monkWallSeconds <= 2 }
}

/// `transfer-pull-files`: `monk sync pull` of the whole source model into a new directory of pretty
/// `<id>.json` files (issue #7: ≤ 1.1 × a plain loop that writes the same files, temporary name then rename).
///
/// The baseline's file contents are prepared in its first (warm-up) run, from the same stream, so that only
/// the writing is timed; the monk side never holds them, so its peak RSS is the client's. The monk side's
/// warm-up pulls to `jsonl` (the same server reads and client start): neither warm-up creates the files, so
/// each child creates one set, in a directory it leaves in the trash (``TransferScenarios/freshFilesDirectory(_:)``).
final class TransferPullFilesScenario: Scenario {
    static let name = "transfer-pull-files"
    static let summary = "sync pull to files from monk serve vs a plain temp+rename loop writing the same files"
    static let goalDescription = "<=1.1x baseline wall"
    private let fixture: TransferFixture
    private var files: [(name: String, bytes: [UInt8])] = []
    private var isWarm = false

    init() {
        fixture = TransferScenarios.fixture()
    }

    func run(_ side: Side) throws -> Work {
        if !isWarm {
            isWarm = true
            return try warmUp(side)
        }
        let directory = TransferScenarios.freshFilesDirectory(fixture)
        switch side {
        case .monk:
            try TransferScenarios.monk(fixture, ["sync", "pull", "one:demo:bench", directory])
        case .baseline:
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for file in files { try Self.write(file.bytes, to: directory + "/" + file.name) }
        }
        return Work(
            bytes: TransferScenarios.size(fixture.directory + "/bench.jsonl"),
            checksum: "files\(Self.countJSONFiles(in: directory))"
        )
    }

    static func meetsGoal(_ measurement: Measurement) -> Bool {
        measurement.monkWallSeconds <= 1.1 * measurement.baselineWallSeconds
    }

    /// The first (untimed) run: the baseline prepares its files' bytes, monk pulls to `jsonl`.
    private func warmUp(_ side: Side) throws -> Work {
        switch side {
        case .monk:
            let directory = TransferScenarios.freshDirectory(fixture)
            try TransferScenarios.monk(fixture, ["sync", "pull", "one:demo:bench", directory, "--layout", "jsonl"])
        case .baseline:
            try prepareFiles()
        }
        return Work(bytes: 0, checksum: "warm-up")
    }

    /// The `*.json` files in `directory`, counted entry by entry: a list of a million names (as
    /// `contentsOfDirectory` builds) took this process past 150 MiB, which showed as the client's peak RSS.
    private static func countJSONFiles(in directory: String) -> Int {
        guard let stream = opendir(directory) else { return 0 }
        defer { closedir(stream) }
        var count = 0
        while let entry = readdir(stream) {
            let isJSON = withUnsafeBytes(of: entry.pointee.d_name) { name in
                let length = name.firstIndex(of: 0) ?? name.count
                return length > 5 && name[0] != UInt8(ascii: ".")
                    && name[(length - 5)..<length].elementsEqual(".json".utf8)
            }
            if isJSON { count += 1 }
        }
        return count
    }

    /// Every record's file name and pretty bytes, from the source's JSONL stream.
    private func prepareFiles() throws {
        let stream = TransferScenarios.freshDirectory(fixture) + ".jsonl"
        try TransferScenarios.curlSource(fixture, into: stream)
        let data = Array(try Data(contentsOf: URL(fileURLWithPath: stream)))
        unlink(stream)
        for line in data.split(separator: UInt8(ascii: "\n")) {
            let value = try JSONParser.parse(Array(line))
            files.append(((value["id"]?.stringValue ?? "") + ".json", PrettyEncoder().encode(value)))
        }
    }

    /// Writes `bytes` to `.name.tmp` beside `path`, then renames it to `path`.
    private static func write(_ bytes: [UInt8], to path: String) throws {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let temporary = String(path[..<slash]) + "." + String(path[slash...]) + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw RemoteSyncFixture.Failure(description: "\(temporary): open failed") }
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count, rename(temporary, path) == 0 else {
            throw RemoteSyncFixture.Failure(description: "\(path): write failed")
        }
    }
}
