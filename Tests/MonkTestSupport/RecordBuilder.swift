import MonkCore

/// Builds account-like records from a seed: a UUID-shaped `id`, names, e-mail, balances with exact decimals,
/// tags, a nested address, the system timestamps and `access_*` lists, about 320 bytes each in canonical JSON.
///
/// ```swift
/// var builder = RecordBuilder(seed: 3)
/// let records = builder.accounts(count: 100)   // ids ascending
/// ```
package struct RecordBuilder {
    package var random: SeededGenerator

    package init(seed: Int) {
        random = SeededGenerator(seed: seed)
    }

    /// `count` accounts with ids in ascending order.
    package mutating func accounts(count: Int) -> [JSONObject] {
        (0..<count).map { account(index: $0) }
    }

    /// One account; `index` determines the id, so ids sort by index.
    package mutating func account(index: Int) -> JSONObject {
        let names = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Zoë", "Søren", "李", "Ōta"]
        let name = names[Int.random(in: 0..<names.count, using: &random)]
        let cents = Int.random(in: -1_000_000...100_000_000, using: &random)
        let sign = cents < 0 ? "-" : ""
        let balance = JSONNumber("\(sign)\(abs(cents) / 100).\(String(format2: abs(cents) % 100))") ?? 0
        var account: JSONObject = [
            "id": .string(Self.id(index)),
            "name": .string("\(name) \(Int.random(in: 1...9999, using: &random))"),
            "email": .string("\(name.lowercased())\(index)@example.com"),
            "balance": .number(balance),
            "active": .bool(random.oneIn(2)),
            "tags": .array(["vip", "new", "eu"].filter { _ in random.oneIn(2) }.map { .string($0) }),
            "address": ["city": "Berlin", "zip": .string(String(Int.random(in: 10000...99999, using: &random)))],
            "created_at": "2026-01-02T03:04:05Z",
            "updated_at": .string("2026-11-\(10 + index % 18)T10:00:00Z"),
            "trashed_at": nil,
            "access_read": ["u1"],
            "access_edit": [],
        ]
        if random.oneIn(4) { account["note"] = "line one\nline \"two\"" }
        return account
    }

    /// A UUID-shaped id that sorts by `index`.
    package static func id(_ index: Int) -> String {
        let hex = String(index, radix: 16)
        let padded = String(repeating: "0", count: max(0, 12 - hex.count)) + hex
        return "5b1e0c2a-7d3f-4e21-9a6b-\(padded)"
    }
}

extension String {
    /// Two decimal digits, zero-padded.
    fileprivate init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : "\(value)"
    }
}
