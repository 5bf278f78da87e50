import Foundation
import MonkCore

/// `transfer-copy`: `monk sync copy` of the whole source model into an empty model on the other server
/// (issue #7: ≤ 12 s wall for 1M records); see ``TransferScenarios``.
struct TransferCopyScenario: Scenario {
    static let name = "transfer-copy"
    static let summary = "sync copy between two monk serve into an empty model vs curl + JSONL create"
    static let goalDescription = "<=12s wall"
    private let fixture: TransferFixture

    init() {
        fixture = TransferScenarios.fixture()
    }

    func run(_ side: Side) throws -> Work {
        let model = try TransferScenarios.freshModel(fixture)
        switch side {
        case .monk:
            try TransferScenarios.monk(fixture, ["sync", "copy", "one:demo:bench", "two:staging:\(model)"])
        case .baseline:
            try postAsJSONL(into: model)
        }
        // `--limit 1`: the server still counts every record, but `find --count` alone also fetches them all, and
        // that client (190 MiB at 100,000 records) was the peak RSS this scenario reported, not the copy's.
        let count = try TransferScenarios.monk(
            fixture,
            ["find", model, "--count", "--limit", "1", "--server", "two", "--tenant", "staging"]
        )
        return Work(
            bytes: TransferScenarios.size(fixture.directory + "/bench.jsonl"),
            checksum: "records" + count.trimmingCharacters(in: .whitespacesAndNewlines)
        )
    }

    static func meetsGoal(_ measurement: Measurement) -> Bool { measurement.monkWallSeconds <= 12 }

    /// The baseline: curl the source's JSONL stream, then post it back 10,000 lines a request with curl.
    private func postAsJSONL(into model: String) throws {
        let file = TransferScenarios.freshDirectory(fixture) + ".jsonl"
        try TransferScenarios.curlSource(fixture, into: file)
        let token = try fixture.token(server: "two", tenant: "staging")
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        var start = data.startIndex
        var lines = 0
        let chunk = file + ".chunk"
        for index in data.indices where data[index] == UInt8(ascii: "\n") {
            lines += 1
            if lines == 10_000 || index == data.endIndex - 1 {
                try data[start...index].write(to: URL(fileURLWithPath: chunk))
                let result = try RemoteSyncFixture.run(
                    "/usr/bin/curl",
                    [
                        "-sf", "-o", "/dev/null", "-X", "POST", "-H", "Content-Type: application/x-ndjson", "-H",
                        "Authorization: Bearer \(token)", "--data-binary", "@" + chunk,
                        fixture.url("two") + "/api/data/\(model)?return=count",
                    ],
                    environment: [:]
                )
                guard result.status == 0 else {
                    throw RemoteSyncFixture.Failure(description: "curl POST failed: \(result.output)")
                }
                start = index + 1
                lines = 0
            }
        }
        unlink(chunk)
        unlink(file)
    }
}
