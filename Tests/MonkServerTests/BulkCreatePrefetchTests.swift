import Testing

/// `create-all`s large enough that their records are prepared on a second thread while the first inserts
/// them (`CreatePrefetcher`, from 4,096 records): the same answers and rows as the tree path, with records of
/// every path interleaved across chunk boundaries, and a failure late in the request rolling all of it back.
@Suite struct BulkCreatePrefetchTests {
    static let count = 4_500

    /// Record `index`, cycling through the byte path, the canonicalizing path, the per-field path and the
    /// general path (an ACL key, an escaped key), so every chunk holds each kind.
    static func record(_ index: Int) -> String {
        let hex = String(index, radix: 16)
        let id = "a0000000-0000-4000-8000-" + String(repeating: "0", count: 12 - hex.count) + hex
        let stamps = BulkCreateFastPathTests.stamps
        switch index % 5 {
        case 0: return #"{"id":"\#(id)","name":"N\#(index)","balance":\#(index).5,\#(stamps)}"#
        case 1: return #"{ "balance": 1.50, "name": "Ren\u00e9 \#(index)", "id": "\#(id)", \#(stamps) }"#
        case 2: return #"{"id":"\#(id)","name":"E\#(index)","email":"U\#(index)@X.TEST",\#(stamps)}"#
        case 3: return #"{"id":"\#(id)","name":"A\#(index)","access_read":[],\#(stamps)}"#
        default: return #"{"id":"\#(id.uppercased())","n\u0061me":"K\#(index)",\#(stamps)}"#
        }
    }

    static var records: [String] { (0..<count).map(record) }

    @Test func largeCreateAllsMatchTheTreePath() async throws {
        let (status, rows) = try await BulkCreateFastPathTests().compare(
            operations: [.all(Self.records)],
            options: ""
        )
        #expect(status == 200)
        #expect(rows == Self.count)
    }

    @Test func anInvalidRecordLateInTheRequestRollsBackEveryChunk() async throws {
        var records = Self.records
        records[4_321] = BulkCreateFastPathTests.invalid
        let (status, rows) = try await BulkCreateFastPathTests().compare(operations: [.all(records)], options: "")
        #expect(status == 400 || status == 422)
        #expect(rows == 0)
    }

    @Test func aRepeatedIDLateInTheRequestRollsBackEveryChunk() async throws {
        var records = Self.records
        records[4_400] = Self.record(10)
        let (status, rows) = try await BulkCreateFastPathTests().compare(operations: [.all(records)], options: "")
        #expect(status == 409)
        #expect(rows == 0)
    }
}
