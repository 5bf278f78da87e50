import Foundation
import MonkCore

/// A JSON throughput scenario: validate, canonicalize, drop system fields and hash each JSONL line of generated
/// account records; baseline: `JSONSerialization` parsing the same lines. Goal: ≥ 250 MB/s and ≥ 8× Foundation.
/// The two scenarios differ only in how the input is spelled.
protocol JSONThroughputScenario: Scenario {
    /// How the generated records are written.
    static var spelling: AccountLines.Spelling { get }
    init(data: AccountLines)
    var data: AccountLines { get }
}

extension JSONThroughputScenario {
    static var goalDescription: String { ">=8x,>=250MB/s" }

    init() {
        self.init(data: AccountLines(count: 60_000, seed: 20_261_124, spelling: Self.spelling))
    }

    func run(_ side: Side) throws -> Work {
        switch side {
        case .monk: try JSONWorkload.canonicalizeAndHash(data)
        case .baseline: try JSONWorkload.foundationParse(data)
        }
    }

    static func meetsGoal(_ measurement: Measurement) -> Bool {
        measurement.ratio >= 8 && measurement.monkMegabytesPerSecond >= 250
    }
}

/// `json`: records as a server sends them (keys unsorted, system fields included).
struct JSONScenario: JSONThroughputScenario {
    static let name = "json"
    static let summary = "parse+canonicalize+hash server-spelled records vs JSONSerialization"
    static let spelling = AccountLines.Spelling.serverSpelling
    let data: AccountLines
}

/// `json-canonical`: the same records already canonical (JSONL written by monk), where monk hashes the input
/// bytes without re-encoding.
struct CanonicalJSONScenario: JSONThroughputScenario {
    static let name = "json-canonical"
    static let summary = "the same on canonical JSONL (monk's fast path) vs JSONSerialization"
    static let spelling = AccountLines.Spelling.canonical
    let data: AccountLines
}

/// The two sides of the JSON scenarios.
enum JSONWorkload {
    /// monk: one ``CanonicalRecord`` per line (default field selection), summed into a ``SegmentDigest``.
    static func canonicalizeAndHash(_ data: AccountLines) throws -> Work {
        var records = RecordCanonicalizer(selection: .default)
        var digest = SegmentDigest()
        var canonicalBytes = 0
        try data.text.withUnsafeBytes { text in
            for line in data.lines {
                let record = try records.record(
                    from: UnsafeRawBufferPointer(rebasing: text[line.offset..<(line.offset + line.count)])
                )
                digest.add(record.hash)
                canonicalBytes += record.bytes.count
            }
        }
        return Work(bytes: data.text.count, checksum: "\(digest.hex)/\(canonicalBytes)")
    }

    /// Baseline: `JSONSerialization.jsonObject` per line, over the same bytes without copying them.
    static func foundationParse(_ data: AccountLines) throws -> Work {
        var objects = 0
        try data.text.withUnsafeBytes { text in
            guard let base = text.baseAddress else { return }
            for line in data.lines {
                let bytes = Data(
                    bytesNoCopy: UnsafeMutableRawPointer(mutating: base + line.offset),
                    count: line.count,
                    deallocator: .none
                )
                if try JSONSerialization.jsonObject(with: bytes) is [String: Any] { objects += 1 }
            }
        }
        return Work(bytes: data.text.count, checksum: "\(objects)")
    }
}
