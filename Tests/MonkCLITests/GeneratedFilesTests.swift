import Foundation
import MonkCLI
import MonkTestSupport
import Testing

/// The committed `completions/` and `man/` files must be exactly what the command table generates, so a change
/// to the table that forgets `scripts/generate-docs` fails here.
@Suite struct GeneratedFilesTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: [
        (["completions", "bash"], "completions/monk.bash"),
        (["completions", "zsh"], "completions/_monk"),
        (["completions", "fish"], "completions/monk.fish"),
        (["man"], "man/monk.1"),
    ])
    func committedFileMatchesTheTable(arguments: [String], path: String) async throws {
        let generated = await runMonk(arguments)
        #expect(generated.status == .success)
        let committed = try String(contentsOf: Self.repository.appendingPathComponent(path), encoding: .utf8)
        #expect(committed == generated.out, "\(path) is stale: run scripts/generate-docs")
    }

    /// The path of an installed shell, if any.
    static func installed(_ shell: String) -> String? {
        ["/usr/bin/\(shell)", "/bin/\(shell)"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test func bashAcceptsTheCompletionScript() async throws {
        try await expectValidSyntax(shell: "bash")
    }

    @Test(.enabled(if: installed("zsh") != nil, "zsh is not installed"))
    func zshAcceptsTheCompletionScript() async throws {
        try await expectValidSyntax(shell: "zsh")
    }

    @Test(.enabled(if: installed("fish") != nil, "fish is not installed"))
    func fishAcceptsTheCompletionScript() async throws {
        try await expectValidSyntax(shell: "fish")
    }

    private func expectValidSyntax(shell: String) async throws {
        let interpreter = try #require(Self.installed(shell))
        let script = await runMonk(["completions", shell]).out
        let exit = try await checkSyntax(script, interpreter: interpreter)
        #expect(exit == 0, "\(shell) -n rejected the completion script")
    }

    /// Runs `interpreter -n` over `script` and returns its exit status.
    private func checkSyntax(_ script: String, interpreter: String) async throws -> Int32 {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("monk-completion-\(UUID().uuidString)")
        try script.write(to: file, atomically: true, encoding: .utf8)
        defer {
            // Removing a temporary file; failure leaves only a stray file in /tmp.
            try? FileManager.default.removeItem(at: file)
        }
        return try await SpawnedProcess(interpreter, ["-n", file.path]).exitStatus()
    }
}
