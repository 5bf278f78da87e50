import GRDB
import MonkCore

/// One generated account record of the `sync-diff` scenarios (about 330 bytes as canonical JSON).
struct AccountRecord {
    var id: String
    var name: String
    var email: String
    var balanceCents: Int
    var isActive: Bool
    var street: String
    var city: String
    var zip: String

    /// A record whose id sorts by `index` (ids are UUID-shaped, the index in their first 8 hex digits).
    init(index: Int, random: inout SplitMix) {
        let names = ["Ada Lovelace", "Grace Hopper", "René Descartes", "Zoë Bright", "Alan Turing"]
        let cities = ["Berlin", "München", "Paris", "São Paulo", "Tokyo"]
        id = Self.hex(UInt64(index), digits: 8) + "-7d3f-4e21-9a6b-" + Self.hex(random.next(), digits: 12)
        name = names[random.below(names.count)]
        email = "user\(index)@example.com"
        balanceCents = random.below(100_000_000)
        isActive = random.below(2) == 0
        street = "Hauptstraße \(1 + random.below(200))"
        city = cities[random.below(cities.count)]
        zip = "\(10000 + random.below(89999))"
    }

    /// The exact decimal balance, spelled canonically (`12.5`, `7`).
    var balance: String {
        let units = balanceCents / 100
        let cents = balanceCents % 100
        if cents == 0 { return "\(units)" }
        if cents % 10 == 0 { return "\(units).\(cents / 10)" }
        return "\(units).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// The address object's canonical JSON.
    var address: String { #"{"city":"\#(city)","street":"\#(street)","zip":"\#(zip)"}"# }

    /// The record's canonical JSON: keys sorted, no whitespace.
    var canonicalJSON: [UInt8] {
        let text =
            #"{"access_edit":[],"access_read":[],"active":\#(isActive),"address":\#(address),"#
            + #""balance":\#(balance),"created_at":"2026-01-02T03:04:05Z","email":"\#(email)","#
            + #""id":"\#(id)","name":"\#(name)","trashed_at":null,"#
            + #""updated_at":"2026-11-20T10:11:12Z"}"#
        return Array(text.utf8)
    }

    /// The table every SQLite file of the scenario has.
    static let createTable = """
        CREATE TABLE accounts (id TEXT PRIMARY KEY, name TEXT, email TEXT, balance TEXT, \
        active INTEGER, address TEXT, created_at TEXT, updated_at TEXT, trashed_at TEXT, access_read TEXT, \
        access_edit TEXT) WITHOUT ROWID
        """

    /// The insert statement matching ``columns``.
    static let insert = "INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

    /// The record's column values, in table order.
    var columns: StatementArguments {
        [
            id, name, email, balance, isActive, address, "2026-01-02T03:04:05Z", "2026-11-20T10:11:12Z",
            nil, "[]", "[]",
        ]
    }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        let trimmed = text.count > digits ? String(text.suffix(digits)) : text
        return String(repeating: "0", count: digits - trimmed.count) + trimmed
    }
}
