import Foundation
import MonkCore
import MonkTestSupport
import Testing

/// Foundation's `JSONSerialization` as an oracle (STYLE.md §4): on valid and invalid corpora, our parser accepts
/// exactly what it accepts and reads the same structure, except for these documented differences:
/// - duplicate keys: Foundation keeps one of the values; monk rejects the document (DESIGN.md §4);
/// - numbers: monk keeps the exact decimal; Foundation reads a `Double` (compared here approximately) and
///   rejects numbers outside `Double`'s range (`1e400`), which monk keeps;
/// - trailing commas (`[1,]`): Foundation on Linux accepts them; monk follows RFC 8259 and rejects them;
/// - a UTF-8 byte order mark: Foundation skips it; monk rejects it (canonical JSON and JSONL never carry one).
@Suite struct FoundationOracleTests {
    @Test(arguments: JSONParserTests.accepted.map(\.0))
    func agreesOnHandWrittenValidInputs(input: String) {
        compare(Array(input.utf8), context: input)
    }

    @Test(arguments: JSONParserTests.rejected)
    func agreesOnHandWrittenInvalidInputs(name: String, input: [UInt8], code: JSONError.Code) {
        compare(input, context: name)
    }

    @Test(arguments: 1...100)
    func agreesOnGeneratedInputs(seed: Int) {
        var generator = JSONValueGenerator(seed: seed)
        var writer = NoisyJSONWriter(seed: seed)
        let value = generator.value()
        compare(value.canonicalBytes, context: "seed \(seed) canonical")
        compare(Array(writer.write(value).utf8), context: "seed \(seed) noisy")
    }

    @Test(arguments: 1...100)
    func agreesOnMutatedInputs(seed: Int) {
        var generator = JSONValueGenerator(seed: seed)
        var writer = NoisyJSONWriter(seed: seed)
        var random = SeededGenerator(seed: seed)
        let original = Array(writer.write(generator.value(depth: 2)).utf8)
        let specials = Array(#"{}[],:"\u0-."#.utf8) + [0x00, 0x80, 0xC0, 0xED, 0xF4, 0xFF]
        for round in 0..<10 where !original.isEmpty {
            var bytes = original
            let index = Int.random(in: 0..<bytes.count, using: &random)
            bytes[index] = specials[Int.random(in: 0..<specials.count, using: &random)]
            compare(bytes, context: "seed \(seed) round \(round)")
        }
    }

    private func compare(_ bytes: [UInt8], context: String) {
        let ours = Result { () throws(JSONError) in try JSONParser.parse(bytes) }
        let theirs = Result { try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) }
        switch (ours, theirs) {
        case (.success(let value), .success(let object)):
            #expect(Self.matches(value, object), "\(context): structures differ")
        case (.failure, .failure):
            break
        case (.success(let value), .failure(let error)):
            guard !Self.hasNumberBeyondDouble(value) else { return }
            Issue.record("\(context): monk accepts, Foundation rejects: \(error)")
        case (.failure(let error), .success):
            guard !Self.isDocumentedRejection(error, of: bytes) else { return }
            Issue.record("\(context): monk rejects (\(error)), Foundation accepts")
        }
    }

    /// Duplicate keys, trailing commas and a byte order mark: rejected by monk on purpose.
    private static func isDocumentedRejection(_ error: JSONError, of bytes: [UInt8]) -> Bool {
        let trailingComma = ["expected a value after ',', found ']'", "expected a string key after ',', found '}'"]
        return error.code == .duplicateKey || trailingComma.contains(error.message)
            || bytes.starts(with: [0xEF, 0xBB, 0xBF])
    }

    /// Whether `value` holds a number `Double` cannot represent (Foundation rejects those).
    private static func hasNumberBeyondDouble(_ value: JSONValue) -> Bool {
        switch value {
        case .number(let number): !number.doubleValue.isFinite
        case .array(let elements): elements.contains(where: hasNumberBeyondDouble)
        case .object(let object): object.members.contains { hasNumberBeyondDouble($0.value) }
        default: false
        }
    }

    /// Whether a Foundation result has the same structure, strings and (approximately) numbers.
    private static func matches(_ value: JSONValue, _ object: Any) -> Bool {
        switch value {
        case .null: return object is NSNull
        case .bool(let flag): return (object as? NSNumber)?.boolValue == flag
        case .number(let number):
            guard let other = (object as? NSNumber)?.doubleValue else { return false }
            let mine = number.doubleValue
            return mine == other || abs(mine - other) <= abs(mine) * 1e-12
        case .string(let string): return (object as? String).map { $0.utf8.elementsEqual(string.utf8) } ?? false
        case .array(let elements):
            guard let others = object as? [Any], others.count == elements.count else { return false }
            return zip(elements, others).allSatisfy { matches($0, $1) }
        case .object(let members):
            guard let others = object as? [String: Any], others.count == members.count else { return false }
            return members.allSatisfy { member in others[member.key].map { matches(member.value, $0) } ?? false }
        }
    }
}
