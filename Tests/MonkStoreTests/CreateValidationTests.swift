import Foundation
import MonkCore
import MonkStore
import MonkTestSupport
import Testing

/// The create path's validation through the store: timestamps in their wire form are kept without re-parsing,
/// anything else still goes through ``Timestamp``, and violations keep the order the rules run in.
@Suite struct CreateValidationTests {
    /// A model `event` with a required text `title`, a timestamp `at` and a decimal `amount`.
    static func event() throws -> ModelInfo {
        let body: JSONValue = [
            "model_name": "event",
            "fields": [
                ["field_name": "title", "type": "text", "required": true],
                ["field_name": "at", "type": "timestamp"],
                ["field_name": "amount", "type": "decimal"],
            ],
        ]
        return ModelInfo(definition: try ModelDefinition(decoding: body))
    }

    /// Creates one `event` from `body` in a fresh tenant; the stored record or the store's error.
    func create(_ body: JSONObject, caller: Caller = .system) async throws -> Result<StoredRecord, StoreError> {
        try await withTemporaryDirectory { directory in
            let registry = try await TenantRegistry.open(dataDirectory: directory.path)
            let event = try CreateValidationTests.event()
            let tenant = try await registry.register(name: "acme", ownerID: "u1", passwordHash: "x") { tx in
                try tx.createModel(event, now: "2025-01-01T00:00:00.000Z")
            }
            let store = try #require(try await registry.store(forTenantID: tenant.id))
            let result: Result<StoredRecord, StoreError>
            do {
                result = .success(
                    try await store.write { tx in
                        try tx.createRecord(
                            body,
                            in: try tx.requireModel("event"),
                            caller: caller,
                            now: "2025-01-02T00:00:00.000Z"
                        )
                    }
                )
            } catch let error as StoreError {
                result = .failure(error)
            }
            await registry.close()
            return result
        }
    }

    @Test(arguments: [
        "2025-11-22T18:13:42.123Z", "2024-02-29T23:59:59.999Z", "2025-02-29T00:00:00.000Z",
        "2025-04-31T00:00:00.000Z", "2025-12-31T24:00:00.000Z", "2025-12-31T23:60:00.000Z",
        "2025-12-31T23:59:60.000Z", "2025-13-01T00:00:00.000Z", "2025-00-10T00:00:00.000Z",
        "2025-11-22T19:13:42.123456+01:00", "2025-11-22", "2025-11-22t18:13:42.123z", "0000-01-01T00:00:00.000Z",
        "2025-1a-22T18:13:42.123Z",
    ])
    func timestampsStoreWhatTimestampParsingGives(text: String) async throws {
        let result = try await create(["title": "t", "at": .string(text), "created_at": .string(text)])
        switch (Timestamp(text)?.text, result) {
        case (let expected?, .success(let record)):
            let fields = RecordCodec.fields(of: record)
            #expect(fields["at"] == .string(expected))
            #expect(record.createdAt == expected)
        case (nil, .failure(let error)):
            #expect(error.code == "DATA_VALIDATION_FAILED")
            let fields = error.details["validation_errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue }
            #expect(fields == ["created_at", "at"])
        case (let expected, let result):
            Issue.record("\(text): expected \(expected ?? "a refusal"), got \(result)")
        }
    }

    @Test func violationsComeInRuleOrder() async throws {
        let result = try await create([
            "zeta": 1, "amount": "x", "id": "not-a-uuid", "alpha": true, "updated_at": "never",
        ])
        guard case .failure(let error) = result else {
            Issue.record("an invalid body was stored")
            return
        }
        let violations = error.details["validation_errors"]?.arrayValue ?? []
        #expect(
            violations.compactMap { $0["field"]?.stringValue } == [
                "id", "updated_at", "alpha", "zeta", "amount", "title",
            ]
        )
        #expect(
            violations.compactMap { $0["code"]?.stringValue } == [
                "INVALID_TYPE", "INVALID_TYPE", "UNKNOWN_FIELD", "UNKNOWN_FIELD", "INVALID_TYPE",
                "REQUIRED_FIELD_MISSING",
            ]
        )
    }

    @Test func decimalsStayExactAndTheGivenIdIsKept() async throws {
        let id = "0F8FAD5B-D9CB-469F-A165-70867728950E"
        let result = try await create([
            "id": .string(id), "title": "t", "amount": .number(JSONNumber("12345678901234567890.10")!),
        ])
        let record = try result.get()
        #expect(record.id == id.lowercased())
        #expect(String(decoding: record.data, as: UTF8.self).contains(#""amount":12345678901234567890.1"#))
        #expect(RecordCodec.fields(of: record)["id"] == .string(id.lowercased()))
    }
}
