import Foundation
import MonkCore
import MonkSync

/// A small seeded generator (SplitMix64), so a failing seed reproduces.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: Int) { state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Builds pairs of record sets from a seed: a source, and a destination with inserts, updates (changed,
/// added, removed fields, nested values) and deletes against it, plus changes only to ignored system fields.
struct RecordSetBuilder {
    var generator: SeededGenerator

    init(seed: Int) { generator = SeededGenerator(seed: seed) }

    /// `(source, destination)` as objects keyed by id.
    mutating func pair(count: Int? = nil) -> (source: [JSONObject], destination: [JSONObject]) {
        let total = count ?? Int.random(in: 0...40, using: &generator)
        var source: [JSONObject] = []
        var destination: [JSONObject] = []
        for index in 0..<total {
            let record = makeRecord(id: "r\(index * 7 % 1000)-\(index)")
            switch Int.random(in: 0..<10, using: &generator) {
            case 0: source.append(record)
            case 1: destination.append(record)
            case 2, 3:
                source.append(record)
                destination.append(mutate(record))
            case 4:
                source.append(record)
                var touched = record
                touched["updated_at"] = .string("2026-02-0\(Int.random(in: 1...9, using: &generator))T00:00:00Z")
                destination.append(touched)
            default:
                source.append(record)
                destination.append(record)
            }
        }
        return (source, destination)
    }

    mutating func makeRecord(id: String) -> JSONObject {
        var record: JSONObject = ["id": .string(id), "updated_at": "2026-01-01T00:00:00Z"]
        record["name"] = .string(
            ["Ada", "Grace", "Émile", "Zoë \"Z\"", "tab\there"].randomElement(using: &generator) ?? ""
        )
        record["score"] = .number(JSONNumber(Int.random(in: -1000...1000, using: &generator)))
        if Bool.random(using: &generator) { record["tags"] = ["a", "b", .number(JSONNumber(3))] }
        if Bool.random(using: &generator) { record["address"] = ["city": "Paris", "zip": "75001"] }
        if Bool.random(using: &generator) { record["note"] = .null }
        return record
    }

    /// A changed copy: a field changed, added or removed.
    mutating func mutate(_ record: JSONObject) -> JSONObject {
        var result = record
        switch Int.random(in: 0..<5, using: &generator) {
        case 0: result["score"] = .number(JSONNumber(Int.random(in: 2000...3000, using: &generator)))
        case 1: result["extra"] = ["nested": [true, false]]
        case 2: result.removeValue(forKey: "name")
        case 3: result["tags"] = ["b", "a", .number(JSONNumber(3))]
        default: result["address"] = ["city": "Lyon", "zip": "69001"]
        }
        return result
    }

    /// JSON text of `record` with its keys in a random order and random spacing: canonically the same.
    mutating func scrambledText(_ record: JSONObject) -> String {
        let members = record.members.shuffled(using: &generator)
        let space = Bool.random(using: &generator) ? " " : ""
        let body = members.map { JSONValue.string($0.key).canonicalString + ":" + space + $0.value.canonicalString }
        return "{" + space + body.joined(separator: "," + space) + "}"
    }
}

/// Where test records live: the local layouts `sync` reads and writes.
enum Layout: String, CaseIterable, CustomStringConvertible {
    case jsonlFile, filesDirectory, jsonlDirectory, multiModelFiles

    var description: String { rawValue }

    /// Writes `records` (of model `users`; multi-model layouts split them into `users` and `orders`) under
    /// `base` and returns the endpoint argument.
    func write(_ records: [JSONObject], named name: String, in base: URL, builder: inout RecordSetBuilder) throws
        -> String
    {
        let sorted = records.sorted { JSONObject.precedes($0["id"]?.stringValue ?? "", $1["id"]?.stringValue ?? "") }
        switch self {
        case .jsonlFile:
            let path = base.appendingPathComponent("\(name).jsonl").path
            let lines = sorted.map { builder.scrambledText($0) + "\n" }.joined()
            try lines.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        case .filesDirectory, .multiModelFiles:
            let directory = base.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            if self == .multiModelFiles {
                for model in ["orders", "users"] {
                    try FileManager.default.createDirectory(
                        at: directory.appendingPathComponent(model),
                        withIntermediateDirectories: true
                    )
                }
            }
            for record in sorted {
                let model = self == .multiModelFiles ? Self.model(of: record) : nil
                let folder = model.map { directory.appendingPathComponent($0) } ?? directory
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let id = record["id"]?.stringValue ?? ""
                try JSONValue.object(record).prettyString.write(
                    to: folder.appendingPathComponent("\(id).json"),
                    atomically: true,
                    encoding: .utf8
                )
            }
            return directory.path
        case .jsonlDirectory:
            let directory = base.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for model in ["orders", "users"] {
                let lines = sorted.filter { Self.model(of: $0) == model }.map { $0.canonicalString + "\n" }.joined()
                try lines.write(
                    to: directory.appendingPathComponent("\(model).jsonl"),
                    atomically: true,
                    encoding: .utf8
                )
            }
            return directory.path
        }
    }

    /// Splits records between two models by the parity of their id's length.
    static func model(of record: JSONObject) -> String {
        (record["id"]?.stringValue?.count ?? 0) % 2 == 0 ? "orders" : "users"
    }
}

/// Every file under `url` with its bytes, for checking that nothing changed.
func fileSnapshot(_ url: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let base = url.path
    if !isDirectory(base) { return [base: try Data(contentsOf: url)] }
    let enumerator = FileManager.default.enumerator(atPath: base)
    while let name = enumerator?.nextObject() as? String {
        let path = base + "/" + name
        if !isDirectory(path) { result[name] = try Data(contentsOf: URL(fileURLWithPath: path)) }
    }
    return result
}

/// Every record of an endpoint, canonical and with all fields, in sync order.
func allRecords(_ endpoint: String) async throws -> [ModelRecord] {
    let source = try SourceOpener(selection: .everything).open(try LocalEndpoint(parsing: endpoint))
    var records: [ModelRecord] = []
    while let record = try await source.next() { records.append(record) }
    return records
}

/// Whether `path` is an existing directory.
func isDirectory(_ path: String) -> Bool {
    var flag: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
}
