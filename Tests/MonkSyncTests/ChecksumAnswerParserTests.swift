import MonkCore
import Testing

@testable import MonkSync

/// The byte-level reader of checksum answers agrees with the generic JSON path, and declines other shapes.
@Suite struct ChecksumAnswerParserTests {
    static let body = """
        {"data":{"algorithm":"monk-sha256-128-sum-v1","ranges":[{"count":3,"digest":"000000000000000000000000000000ff",\
        "from":null,"segments":[{"count":2,"digest":"000000000000000000000000000000f0","from":null,"to":"b"},\
        {"count":1,"digest":"0000000000000000000000000000000f","from":"b","to":null}],"to":null}]},"success":true}
        """

    @Test func readsMonkServesAnswer() throws {
        let parsed = try #require(ChecksumAnswerParser.parse(Array(Self.body.utf8)))
        #expect(parsed.algorithm == SegmentDigest.algorithm)
        #expect(parsed.ranges.count == 1)
        let range = parsed.ranges[0]
        #expect(range.from == nil && range.to == nil && range.digest.count == 3)
        #expect(range.digest.hex == "000000000000000000000000000000ff")
        #expect(range.segments.map(\.to) == ["b", nil])
        #expect(range.segments.map(\.from) == [nil, "b"])
        #expect(range.segments.map(\.digest.count) == [2, 1])
    }

    @Test func toleratesSpacesAndKeyOrder() throws {
        let pretty = """
            { "success" : true, "data" : { "ranges" : [ { "to" : null, "segments" : [ ], "from" : null,
              "digest" : "00000000000000000000000000000000", "count" : 0 } ], "algorithm" : "x" } }
            """
        let parsed = try #require(ChecksumAnswerParser.parse(Array(pretty.utf8)))
        #expect(parsed.algorithm == "x" && parsed.ranges.first?.digest.count == 0)
    }

    @Test(arguments: [
        #"{"data":{"algorithm":"a","ranges":[{"count":1,"digest":"00","from":null,"to":null}]},"success":true}"#,
        #"{"data":{"algorithm":"a\u0041","ranges":[]},"success":true}"#,
        #"{"data":{"algorithm":"a","ranges":[],"method":"POST"},"success":true}"#,
        #"{"data":{"algorithm":"a","ranges":[]},"success":true} x"#,
        #"{"data":{"algorithm":"a","ranges":[{"count":-1,"digest":"0","from":null,"to":null}]}}"#,
    ])
    func declinesOtherShapes(_ text: String) {
        #expect(ChecksumAnswerParser.parse(Array(text.utf8)) == nil)
    }
}
