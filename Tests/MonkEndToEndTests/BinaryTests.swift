import Foundation
import MonkTestSupport
import Testing

/// The built `monk` binary, run as a user would: exit codes and streams of the foundation commands.
@Suite struct BinaryTests {
    @Test func helpListsCommandGroupsOnStdout() async throws {
        try await withTemporaryDirectory { dir in
            let result = try await MonkProcess.run(["--help"], environment: ["MONK_CLI_CONFIG_DIR": dir.path])
            #expect(result.status == 0)
            #expect(result.stdout.contains("SUBCOMMANDS:"))
            #expect(result.stdout.contains("completions"))
            #expect(result.stderr.isEmpty)
        }
    }

    @Test(arguments: [["nosuch"], ["--nosuch"], ["completions", "tcsh"]])
    func usageErrorsExitTwoWithAHint(arguments: [String]) async throws {
        try await withTemporaryDirectory { dir in
            let result = try await MonkProcess.run(arguments, environment: ["MONK_CLI_CONFIG_DIR": dir.path])
            #expect(result.status == 2)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("error: "))
            #expect(result.stderr.contains("hint: "))
        }
    }

    @Test func bashAcceptsTheCompletionScript() async throws {
        try await withTemporaryDirectory { dir in
            let script = try await MonkProcess.run(
                ["completions", "bash"],
                environment: ["MONK_CLI_CONFIG_DIR": dir.path]
            )
            #expect(script.status == 0)
            let file = dir.appendingPathComponent("monk.bash")
            try script.stdout.write(to: file, atomically: true, encoding: .utf8)
            let shell = try SpawnedProcess(
                "/bin/bash",
                ["-c", "source \(file.path) && COMP_WORDS=(monk comp) COMP_CWORD=1 && _monk && echo ${COMPREPLY[*]}"],
                stdout: .pipe
            )
            #expect(await shell.exitStatus() == 0)
            // bash has exited and its few bytes sit in the pipe buffer, so this read does not block.
            let output = String(decoding: SpawnedProcess.readAll(shell.stdout!), as: UTF8.self)
            #expect(output == "completions\n")
        }
    }
}
