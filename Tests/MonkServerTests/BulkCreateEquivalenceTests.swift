import Foundation
import MonkCore
import MonkStore
import MonkTestSupport
import Testing

/// The byte-level create (``RecordBytesCreator`` + ``TenantTransaction/createPrepared(_:in:now:)``) against
/// the general create (``TenantTransaction/createRecord(_:in:caller:now:index:)``) over generated models and
/// bodies: the fast path either declines or stores the very same row (data bytes, hash, timestamps, ACLs), and
/// it never accepts a body the general path refuses.
@Suite struct BulkCreateEquivalenceTests {
    static let now = "2026-03-04T05:06:07.089Z"
    static let generatedID = "0a1b2c3d-0000-4000-8000-00000000abcd"
    static let existingID = "e0000000-0000-4000-8000-000000000001"
    static let regular = Caller(userID: "20000000-0000-4000-8000-000000000002", access: "full", isSudo: false)

    /// What one path did with a body.
    enum Outcome: Equatable {
        case stored(id: String, data: [UInt8], hash: [UInt8], createdAt: String, updatedAt: String, access: AccessLists)
        case failed(code: String)
    }

    @Test func fastCreatesEqualGeneralCreatesOrDecline() async throws {
        var random = SeededGenerator(seed: 20_261_124)
        var accepted = 0
        var declined = 0
        var fastFailures = 0
        try await withTemporaryDirectory { directory in
            let registry = try await TenantRegistry.open(dataDirectory: directory.path)
            for modelIndex in 0..<24 {
                var definition: ModelDefinition?
                while definition == nil { definition = try? ModelDefinition(decoding: RandomBodies.model(&random)) }
                let model = ModelInfo(definition: try #require(definition))
                let tenant = try await registry.register(
                    name: "t\(modelIndex)",
                    ownerID: "u1",
                    passwordHash: "x"
                ) { tx in
                    try tx.createModel(model, now: BulkCreateEquivalenceTests.now)
                    try tx.insert(
                        StoredRecord(
                            id: BulkCreateEquivalenceTests.existingID,
                            data: Array(#"{"id":"\#(BulkCreateEquivalenceTests.existingID)"}"#.utf8),
                            hash: RecordCodec.hash(of: []),
                            createdAt: BulkCreateEquivalenceTests.now,
                            updatedAt: BulkCreateEquivalenceTests.now
                        ),
                        into: model.name
                    )
                }
                let store = try #require(try await registry.store(forTenantID: tenant.id))
                for _ in 0..<40 {
                    let text = RandomBodies.body(for: model, &random)
                    for caller in [Caller.system, BulkCreateEquivalenceTests.regular] {
                        let general = try await Self.general(text, model: model, caller: caller, store: store)
                        var creator = RecordBytesCreator(validator: model.validator, authority: caller.authority)
                        let prepared = creator.prepare(Array(text.utf8)) { BulkCreateEquivalenceTests.generatedID }
                        guard let prepared, TenantTransaction.takesPreparedCreates(model) else {
                            declined += 1
                            continue
                        }
                        accepted += 1
                        let fast = try await Self.fast(prepared, model: model, store: store)
                        if case .failed = fast { fastFailures += 1 }
                        #expect(fast == general, "model \(modelIndex), caller sudo \(caller.isSudo), body \(text)")
                    }
                }
            }
            await registry.close()
        }
        // Both kinds of case must be exercised in numbers, not just exist.
        #expect(accepted > 200, "accepted \(accepted)")
        #expect(declined > 200, "declined \(declined)")
        #expect(fastFailures > 5, "fast failures (taken ids) \(fastFailures)")
    }

    /// The general path's outcome; a body without an id gets ``generatedID`` afterwards (the store makes a
    /// random one), so the rows compare whole.
    static func general(_ text: String, model: ModelInfo, caller: Caller, store: TenantStore) async throws -> Outcome {
        guard let body = (try? JSONParser.parse(text))?.objectValue else { return .failed(code: "INVALID_JSON") }
        do {
            return try await store.writeAndRollBack { tx in
                let record = try tx.createRecord(body, in: model, caller: caller, now: BulkCreateEquivalenceTests.now)
                let sentID = body["id"].map { !$0.isNull } ?? false
                var fields = RecordCodec.fields(of: record)
                if !sentID { fields["id"] = .string(BulkCreateEquivalenceTests.generatedID) }
                let data = JSONValue.object(fields).canonicalBytes
                return Outcome.stored(
                    id: sentID ? record.id : BulkCreateEquivalenceTests.generatedID,
                    data: data,
                    hash: sentID ? record.hash : RecordCodec.hash(of: data),
                    createdAt: record.createdAt,
                    updatedAt: record.updatedAt,
                    access: record.access
                )
            }
        } catch let error as StoreError {
            return .failed(code: error.code)
        }
    }

    /// The fast path's outcome for a prepared create.
    static func fast(_ prepared: PreparedCreate, model: ModelInfo, store: TenantStore) async throws -> Outcome {
        do {
            return try await store.writeAndRollBack { tx in
                let record = try tx.createPrepared(prepared, in: model, now: BulkCreateEquivalenceTests.now)
                return Outcome.stored(
                    id: record.id,
                    data: record.data,
                    hash: record.hash,
                    createdAt: record.createdAt,
                    updatedAt: record.updatedAt,
                    access: record.access
                )
            }
        } catch let error as StoreError {
            return .failed(code: error.code)
        }
    }
}
