import MonkCore
import MonkTestSupport
import Testing

/// ``BulkBodyReader`` against ``JSONParser`` over generated bulk bodies: a split body reassembles to exactly
/// the parsed body, and a body the reader cannot split with certainty gives `nil`.
@Suite struct BulkBodyReaderTests {
    /// Values an envelope member or a record member may hold, as JSON text.
    static let values = [
        #""text""#, "1.50", "-0", "true", "null", #"{"b": [1, {"a": "\u00e9"}], "a": null}"#, "[]", #""a\"b""#,
        #"[{"x": 1}, 2]"#, "{}",
    ]

    @Test func splitBodiesReassembleToTheParsedBody() throws {
        var random = SeededGenerator(seed: 6)
        for _ in 0..<300 {
            let text = Self.body(&random)
            let parsed = try #require(try JSONParser.parse(text).objectValue, "\(text)")
            let bytes = Array(text.utf8)
            let parts = try #require(bytes.withUnsafeBytes { BulkBodyReader.read($0, maximumDepth: 512) }, "\(text)")
            var whole = parts.members
            var operations: [JSONValue] = []
            for operation in parts.operations {
                var members = operation.members
                if let ranges = operation.records {
                    let records = try ranges.map { try JSONParser.parse(bytes[$0]) }
                    #expect(records.allSatisfy { $0.objectValue != nil })
                    members["data"] = operation.recordsAreArray ? .array(records) : records.first ?? .null
                }
                operations.append(.object(members))
            }
            whole["operations"] = .array(operations)
            #expect(whole == parsed, "\(text)")
        }
    }

    @Test(arguments: [
        #"{"operations": [], "operations": []}"#, #"{"operations": [{"a": 1, "a": 2}]}"#, #"{"operations": {}}"#,
        #"{"operations": [1]}"#, #"{"operations": []} x"#, #"[]"#, "", #"{"operations": [{"data": [{}, 1}]}"#,
        #"{"options": {"a": 1, "a": 1}, "operations": []}"#, #"{"operations": [{"model": tru}]}"#,
    ])
    func bodiesItCannotSplitGiveNil(text: String) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBytes { BulkBodyReader.read($0, maximumDepth: 512) } == nil)
    }

    @Test func depthLimitsLeaveRoomForTheEnvelope() {
        #expect(BulkBodyReader.recordDepth(isArray: true, maximumDepth: 512) == 508)
        #expect(BulkBodyReader.recordDepth(isArray: false, maximumDepth: 512) == 509)
        let bytes = Array(#"{"operations": []}"#.utf8)
        #expect(bytes.withUnsafeBytes { BulkBodyReader.read($0, maximumDepth: 5) } == nil)
    }

    /// A random bulk body as JSON text, with random whitespace and member order.
    static func body(_ random: inout SeededGenerator) -> String {
        func space() -> String { ["", " ", "\n\t", "  "].randomElement(using: &random) ?? "" }
        func value() -> String { values.randomElement(using: &random) ?? "null" }
        func object(_ members: [(String, String)]) -> String {
            "{" + space()
                + members.shuffled(using: &random).map { #""\#($0.0)"\#(space()):\#(space())\#($0.1)"# }
                .joined(separator: space() + "," + space()) + space() + "}"
        }
        func record() -> String {
            object((0..<Int.random(in: 0...4, using: &random)).map { ("k\($0)", value()) })
        }
        var operations: [String] = []
        for index in 0..<Int.random(in: 0...4, using: &random) {
            var members = [("operation", #""create-all""#), ("model", #""m""#), ("op_id", #""o\#(index)""#)]
            switch Int.random(in: 0..<4, using: &random) {
            case 0: members.append(("data", "[" + (0..<3).map { _ in record() }.joined(separator: ",") + "]"))
            case 1: members.append(("data", record()))
            case 2: members.append(("data", value()))
            default: break
            }
            operations.append(object(members))
        }
        var top = [("operations", "[" + space() + operations.joined(separator: "," + space()) + "]")]
        if random.oneIn(2) { top.append(("options", object([("return", #""status""#)]))) }
        if random.oneIn(3) { top.append(("extra", value())) }
        return space() + object(top) + space()
    }
}
