import MonkCore

/// Reads a `POST /api/sync/:model/checksum` answer (API.md §8.1) straight from its bytes into
/// ``Bisection/RangeAnswer``s, without building a ``JSONValue`` tree: a bisection round can carry hundreds of
/// thousands of segments, and the generic tree cost more than the server took to compute them.
///
/// It reads the envelope as `monk serve` writes it (any key order and whitespace, no escapes inside ids) and
/// returns `nil` for anything else, which the caller then reads with the generic parser.
struct ChecksumAnswerParser {
    private let bytes: [UInt8]
    private var index = 0

    /// The algorithm name and ranges of `body`, or `nil` when it is not in the expected shape.
    static func parse(_ body: [UInt8]) -> (algorithm: String, ranges: [Bisection.RangeAnswer])? {
        var parser = ChecksumAnswerParser(bytes: body)
        return parser.root()
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func root() -> (algorithm: String, ranges: [Bisection.RangeAnswer])? {
        var algorithm: String?
        var ranges: [Bisection.RangeAnswer]?
        let ok = object { parser, key in
            switch key {
            case "success": return parser.literal("true")
            case "data":
                return parser.object { parser, key in
                    switch key {
                    case "algorithm":
                        algorithm = parser.string()
                        return algorithm != nil
                    case "ranges":
                        ranges = parser.array { parser in parser.range(nested: true) }
                        return ranges != nil
                    default: return false
                    }
                }
            default: return false
            }
        }
        guard ok, let algorithm, let ranges else { return nil }
        skipSpaces()
        return index == bytes.count ? (algorithm, ranges) : nil
    }

    /// One `{"count","digest","from","to","segments"?}` object.
    private mutating func range(nested: Bool) -> Bisection.RangeAnswer? {
        var count: Int?
        var digestHex: String?
        var from: String?? = .none
        var to: String?? = .none
        var segments: [Bisection.RangeAnswer] = []
        let ok = object { parser, key in
            switch key {
            case "count":
                count = parser.integer()
                return count != nil
            case "digest":
                digestHex = parser.string()
                return digestHex != nil
            case "from":
                from = parser.bound()
                return from != nil
            case "to":
                to = parser.bound()
                return to != nil
            case "segments" where nested:
                guard let items = parser.array({ parser in parser.range(nested: false) }) else { return false }
                segments = items
                return true
            default: return false
            }
        }
        guard ok, let count, let digestHex, let from, let to,
            let digest = SegmentDigest(hex: digestHex, count: count)
        else { return nil }
        return Bisection.RangeAnswer(from: from, to: to, digest: digest, segments: segments)
    }

    // MARK: Tokens

    /// `{ "key": value, … }`, calling `member` for each key with the parser at the value.
    private mutating func object(_ member: (inout ChecksumAnswerParser, String) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            skipSpaces()
            guard let key = string(), take(UInt8(ascii: ":")) else { return false }
            skipSpaces()
            guard member(&self, key) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    /// `[ item, … ]`.
    private mutating func array<T>(_ item: (inout ChecksumAnswerParser) -> T?) -> [T]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var items: [T] = []
        if take(UInt8(ascii: "]")) { return items }
        repeat {
            skipSpaces()
            guard let value = item(&self) else { return nil }
            items.append(value)
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? items : nil
    }

    /// A string without escapes.
    private mutating func string() -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            if bytes[end] == UInt8(ascii: "\\") || bytes[end] < 0x20 { return nil }
            end += 1
        }
        guard end < bytes.count else { return nil }
        index = end + 1
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// A string or `null` (`.some(nil)`); `nil` for anything else.
    private mutating func bound() -> String?? {
        if literal("null") { return .some(nil) }
        return string().map { .some($0) }
    }

    /// A non-negative integer.
    private mutating func integer() -> Int? {
        var value = 0
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = product + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        return index > start ? value : nil
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let matches = word.withUTF8Buffer { expected in bytes[index..<index + count].elementsEqual(expected) }
        if matches { index += count }
        return matches
    }

    /// Skips spaces, then consumes `byte` when it is next.
    private mutating func take(_ byte: UInt8) -> Bool {
        skipSpaces()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipSpaces() {
        while index < bytes.count,
            bytes[index] == 0x20 || bytes[index] == 0x0a || bytes[index] == 0x0d || bytes[index] == 0x09
        {
            index += 1
        }
    }
}
