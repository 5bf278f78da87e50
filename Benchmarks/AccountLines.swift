import MonkCore

/// Seeded account-like records of about 320 bytes (324 on average), as JSONL: one record per line.
///
/// `serverSpelling` writes what an API server sends: compact JSON with keys in insertion order (`id` first,
/// system fields last) and an occasional ASCII-escaped name (`\u00e9`, as Python's `json.dumps` writes it).
/// `canonical` writes what monk writes: the canonical bytes of the same records.
struct AccountLines {
    /// All lines, each followed by `\n`.
    var text: [UInt8] = []
    /// Offset and length of each line (without its `\n`).
    var lines: [(offset: Int, count: Int)] = []

    enum Spelling {
        case serverSpelling
        case canonical
    }

    init(count: Int, seed: UInt64, spelling: Spelling) {
        var random = SplitMix(seed: seed)
        text.reserveCapacity(count * 340)
        for index in 0..<count {
            var line = Self.serverLine(index: index, random: &random)
            if spelling == .canonical {
                var canonicalizer = Canonicalizer()
                // The generator writes valid JSON; failing here is a bug in this file, not bad input.
                guard let canonical = try? canonicalizer.canonicalize(line) else {
                    preconditionFailure("AccountLines generated invalid JSON: \(line)")
                }
                line = String(decoding: canonical, as: UTF8.self)
            }
            lines.append((text.count, line.utf8.count))
            text.append(contentsOf: line.utf8)
            text.append(0x0A)
        }
    }

    private static func serverLine(index: Int, random: inout SplitMix) -> String {
        let names = ["Ada Lovelace", "Grace Hopper", "Ren\\u00e9 Descartes", "Zo\u{EB} Bright", "Alan Turing"]
        let cities = ["Berlin", "M\u{FC}nchen", "Paris", "S\u{E3}o Paulo", "Tokyo"]
        let name = names[random.below(names.count)]
        let cents = random.below(100_000_000)
        let id = "5b1e0c2a-7d3f-4e21-9a6b-" + String(String(index, radix: 16).reversed()).padded(to: 12)
        return #"{"id":"\#(id)","name":"\#(name)","email":"u\#(index)@mail.com","#
            + #""balance":\#(cents / 100).\#(cents % 100 + 10),"active":\#(random.below(2) == 0),"#
            + #""address":{"street":"Hauptstra\#u{DF}e \#(random.below(200))","#
            + #""city":"\#(cities[random.below(cities.count)])","zip":"\#(10000 + random.below(89999))"},"#
            + #""created_at":"2026-01-02T03:04:05Z","updated_at":"2026-11-20T10:11:12Z","#
            + #""trashed_at":null,"access_read":[],"access_edit":[]}"#
    }
}

/// SplitMix64: a tiny seeded generator, so every child process builds the same data.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound`.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

extension String {
    /// Left-padded with zeros to `width` characters.
    fileprivate func padded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
