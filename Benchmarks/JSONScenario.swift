import Foundation
import MonkCore

/// `json`: records as a server sends them (keys unsorted, system fields included) → validate, canonicalize,
/// drop system fields and hash, per JSONL line; baseline: `JSONSerialization` parsing the same lines.
/// Goal: ≥ 250 MB/s and ≥ 8× Foundation.
struct JSONScenario: Scenario {
    static let name = "json"
    static let summary = "parse+canonicalize+hash server-spelled records vs JSONSerialization"
    static let goalDescription = ">=8x,>=250MB/s"

    let data: AccountLines

    init() {
        data = AccountLines(count: 60_000, seed: 20_261_124, spelling: .serverSpelling)
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

/// `json-canonical`: the same records already canonical (JSONL written by monk), where monk hashes the input
/// bytes without re-encoding. Same baseline and goal.
struct CanonicalJSONScenario: Scenario {
    static let name = "json-canonical"
    static let summary = "the same on canonical JSONL (monk's fast path) vs JSONSerialization"
    static let goalDescription = ">=8x,>=250MB/s"

    let data: AccountLines

    init() {
        data = AccountLines(count: 60_000, seed: 20_261_124, spelling: .canonical)
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
