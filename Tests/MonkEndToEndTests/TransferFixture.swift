import Foundation
import MonkTestSupport
import Testing

/// Two `monk serve` processes (`a` and `b`) with tenants `acme` and `beta` on each, and a user whose config
/// knows both servers and holds a session for every tenant: the stage of the transfer end-to-end tests.
struct TransferFixture {
    let user: CLIUser
    let directory: URL
    private let servers: [BackgroundMonk]

    /// Starts both servers in `dir`, runs `body`, and stops them.
    static func run(in dir: URL, _ body: (TransferFixture) async throws -> Void) async throws {
        let user = CLIUser(configDirectory: dir.appendingPathComponent("config"))
        var servers: [BackgroundMonk] = []
        do {
            for name in ["a", "b"] {
                let serve = try BackgroundMonk.start(
                    ["serve", "--port", "0", "--data-dir", dir.appendingPathComponent("data-\(name)").path],
                    environment: ["MONK_CLI_CONFIG_DIR": dir.appendingPathComponent("serve-\(name)").path]
                )
                servers.append(serve)
                let url = try await serve.waitForLine(startingWith: "listening on ")
                try await user.succeed(["config", "server", "add", name, url])
                for tenant in ["acme", "beta"] {
                    try await user.succeed(
                        [
                            "auth", "register", tenant, "root", "--template", "testing", "--password-stdin",
                            "--server", name,
                        ],
                        stdin: "s3cret-pass\n"
                    )
                }
            }
            try await body(TransferFixture(user: user, directory: dir, servers: servers))
        } catch {
            for serve in servers { _ = try? await serve.stop() }
            throw error
        }
        for serve in servers { #expect(try await serve.stop() == 0) }
    }

    /// Writes `count` contact records (ids `…0001` up) with `seed` in their notes, and imports them into
    /// `server:tenant`'s contact model.
    func seedContacts(_ count: Int, server: String, tenant: String, seed: String = "v1") async throws {
        let file = directory.appendingPathComponent("seed-\(server)-\(tenant)-\(seed).jsonl")
        var text = ""
        text.reserveCapacity(count * 120)
        for index in 1...count {
            text +=
                #"{"id":"\#(Self.id(index))","name":"Contact \#(index)","email":"c\#(index)@x.test","#
                + #""notes":"\#(seed)"}"# + "\n"
        }
        try Data(text.utf8).write(to: file)
        try await user.succeed(
            ["data", "import", "contact", file.path, "--server", server, "--tenant", tenant, "--batch-size", "5000"]
        )
    }

    /// The id of the `index`th seeded record.
    static func id(_ index: Int) -> String {
        let digits = String(index)
        return "30000000-0000-4000-8000-" + String(repeating: "0", count: 12 - digits.count) + digits
    }

    /// The number of contacts in `server:tenant`.
    func count(server: String, tenant: String) async throws -> Int {
        let result = try await user.succeed(["find", "contact", "--count", "--server", server, "--tenant", tenant])
        return Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Whether `sync diff` finds the two endpoints equal (exit 0) or different (exit 1).
    func areEqual(_ source: String, _ destination: String) async throws -> Bool {
        let result = try await user.monk(["sync", "diff", source, destination])
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        return result.status == 0
    }

    /// The `--json` summary of a transfer command that succeeded.
    func transfer(_ arguments: [String], expect status: Int32 = 0) async throws -> [String: Int] {
        let result = try await user.monk(arguments + ["--json"])
        #expect(result.status == status, "monk \(arguments.joined(separator: " ")): \(result.stderr)")
        return Self.counts(result.stdout)
    }

    /// Reruns an interrupted transfer and expects it to succeed.
    ///
    /// The batch in flight when the client died may still commit on the server after the rerun's diff read
    /// the destination; that rerun then stops (exit 8, destination changed since the diff) and the next one
    /// finishes, as a user rerunning it would see.
    func rerun(_ arguments: [String]) async throws -> MonkProcess.Result {
        var result = try await user.monk(arguments)
        for _ in 0..<3 where result.status == 8 && result.stderr.contains("changed since the diff") {
            result = try await user.monk(arguments)
        }
        #expect(result.status == 0, "monk \(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    /// The integer members of a `--json` summary.
    static func counts(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for member in text.split(whereSeparator: { $0 == "," || $0 == "{" || $0 == "}" }) {
            let parts = member.split(separator: ":", maxSplits: 1)
            if parts.count == 2, let value = Int(parts[1]) {
                counts[parts[0].trimmingCharacters(in: CharacterSet(charactersIn: "\""))] = value
            }
        }
        return counts
    }
}
