import Foundation
import MonkCore

/// A JSON throughput scenario: validate, canonicalize, drop system fields and hash each JSONL line of generated
/// account records. Goal: ≥ 250 MB/s and ≥ 8× Foundation. The two scenarios differ only in how the input is
/// spelled.
///
/// The baseline does the equivalent work with Foundation: `JSONSerialization` parses each line, writes it back
/// with sorted keys (`.sortedKeys`, `.withoutEscapingSlashes`) and the written bytes are hashed with the same
/// SHA-256 record hash. That is Foundation's nearest spelling of "canonical bytes plus their hash"; it is not
/// exactly canonical (numbers go through `Double`, `\u00e9` and system fields are kept), so its checksum is
/// its own and the two sides' checksums are not compared.
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
        case .baseline: try JSONWorkload.foundationCanonicalizeAndHash(data)
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

    /// Baseline: per line, `JSONSerialization.jsonObject` over the same bytes without copying them, then
    /// `JSONSerialization.data` with sorted keys, then the SHA-256 ``RecordHash`` of those bytes, summed into a
    /// ``SegmentDigest`` like monk's side.
    static func foundationCanonicalizeAndHash(_ data: AccountLines) throws -> Work {
        var digest = SegmentDigest()
        var writtenBytes = 0
        try data.text.withUnsafeBytes { text in
            guard let base = text.baseAddress else { return }
            for line in data.lines {
                let bytes = Data(
                    bytesNoCopy: UnsafeMutableRawPointer(mutating: base + line.offset),
                    count: line.count,
                    deallocator: .none
                )
                let object = try JSONSerialization.jsonObject(with: bytes)
                let written = try JSONSerialization.data(
                    withJSONObject: object,
                    options: [.sortedKeys, .withoutEscapingSlashes]
                )
                written.withUnsafeBytes { digest.add(RecordHash(hashing: $0)) }
                writtenBytes += written.count
            }
        }
        return Work(bytes: data.text.count, checksum: "\(digest.hex)/\(writtenBytes)")
    }
}
