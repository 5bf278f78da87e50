import MonkCore
import MonkTestSupport
import Testing

@Suite struct CanonicalizerTests {
    @Test(arguments: 1...300)
    func anySpellingCanonicalizesLikeTheTree(seed: Int) throws {
        var generator = JSONValueGenerator(seed: seed)
        var writer = NoisyJSONWriter(seed: seed)
        let value = generator.value()
        let noisy = writer.write(value)
        #expect(try JSONParser.parse(noisy) == value, "seed \(seed): \(noisy.debugDescription)")
        var canonicalizer = Canonicalizer()
        #expect(
            try canonicalizer.canonicalize(noisy) == value.canonicalBytes,
            "seed \(seed): \(noisy.debugDescription)"
        )
    }

    @Test func recognizesCanonicalInput() {
        let canonical = [#"{"a":[1,2.5,"x\n"],"b":{"c":null}}"#, "[]", "0", #""\u001f""#, "1e+400", "-0.5", "0.001"]
        let other = [
            #"{"b":1,"a":2}"#, "[ ]", "1.0", "-0", #""\u001F""#, #""\/""#, "1e400", " 0", "0 ", "1E+400",
            "100000000000000000000000", "0.0000000000000000000000001", "",
        ]
        for text in canonical {
            #expect(Array(text.utf8).withUnsafeBytes { Canonicalizer.isCanonical($0) }, "\(text)")
        }
        for text in other {
            #expect(!Array(text.utf8).withUnsafeBytes { Canonicalizer.isCanonical($0) }, "\(text)")
        }
    }

    @Test func reusesBuffersAcrossDocuments() throws {
        var canonicalizer = Canonicalizer()
        #expect(
            try canonicalizer.canonicalize(#"{"b":{"d":1,"c":2},"a":0}"#) == Array(#"{"a":0,"b":{"c":2,"d":1}}"#.utf8)
        )
        #expect(throws: JSONError.self) { try canonicalizer.canonicalize(#"{"b":1,"b":2}"#) }
        #expect(
            try canonicalizer.canonicalize(#"{"y":1,"x":[{"q":1,"p":2}]}"#)
                == Array(#"{"x":[{"p":2,"q":1}],"y":1}"#.utf8)
        )
    }

    /// Mutated and random bytes never crash, and the canonicalizer agrees with the parser on every one:
    /// the same canonical bytes, or the same error code at the same offset.
    @Test(arguments: 1...200)
    func neverCrashesAndAgreesWithTheParser(seed: Int) {
        var random = SeededGenerator(seed: seed)
        var generator = JSONValueGenerator(seed: seed)
        var writer = NoisyJSONWriter(seed: seed)
        let original = Array(writer.write(generator.value()).utf8)
        let specials: [UInt8] =
            Array(#"{}[],:"\/u0e-+.1 "#.utf8) + [0x00, 0x0A, 0x80, 0xBF, 0xC0, 0xE0, 0xED, 0xF4, 0xFF]
        for round in 0..<30 {
            var bytes = original
            if round == 29 {
                bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in
                    UInt8.random(in: 0...255, using: &random)
                }
            }
            for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                let special = specials[Int.random(in: 0..<specials.count, using: &random)]
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[index] = special
                case 1: bytes.insert(special, at: index)
                case 2: bytes.remove(at: index)
                default: bytes.removeSubrange(index...)
                }
            }
            checkAgreement(bytes, context: "seed \(seed) round \(round)")
        }
    }

    private func checkAgreement(_ bytes: [UInt8], context: String) {
        var canonicalizer = Canonicalizer()
        let tree = Result { () throws(JSONError) in try JSONParser.parse(bytes) }
        let direct = Result { () throws(JSONError) in try canonicalizer.canonicalize(bytes) }
        switch (tree, direct) {
        case (.success(let value), .success(let canonical)):
            #expect(value.canonicalBytes == canonical, "\(context)")
        case (.failure(let a), .failure(let b)):
            #expect(a.code == b.code && a.offset == b.offset, "\(context): \(a) vs \(b)")
            #expect(a.offset <= bytes.count && a.line >= 1 && a.column >= 1, "\(context)")
        default:
            Issue.record("\(context): parser \(tree) vs canonicalizer \(direct)")
        }
    }
}
