import Foundation
import MonkCLI
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

    @Test(arguments: [("bash", "bash"), ("zsh", "zsh"), ("fish", "fish")])
    func completionScriptIsValidShellSyntax(shell: String, interpreter: String) async throws {
        guard
            let path = ["/usr/bin/\(interpreter)", "/bin/\(interpreter)"].first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else {
            return  // The shell is not installed here; the bash check always runs because bash is.
        }
        let script = await runMonk(["completions", shell]).out
        let exit = try await checkSyntax(script, interpreter: path)
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter)
        process.arguments = ["-n", file.path]
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }
}
