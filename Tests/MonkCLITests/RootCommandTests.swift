import MonkCLI
import MonkTestSupport
import Testing

@Suite struct RootCommandTests {
    @Test func helpListsTheCommandGroups() async throws {
        let result = await runMonk(["--help"])
        #expect(result.status == .success)
        #expect(result.err.isEmpty)
        try expectGolden(result.out, named: "help-root")
    }

    @Test(arguments: [
        (["nosuch"], "usage-unknown-command"),
        (["--nosuch"], "usage-unknown-option"),
        (["completions", "zshh"], "usage-bad-choice"),
        (["completions"], "usage-missing-argument"),
        (["man", "extra"], "usage-extra-argument"),
    ])
    func usageErrorsExitTwoWithAHintOnStderr(arguments: [String], golden: String) async throws {
        let result = await runMonk(arguments)
        #expect(result.status == .usage)
        #expect(result.status.code == 2)
        #expect(result.out.isEmpty)
        #expect(result.err.contains("\nusage: monk"))
        try expectGolden(result.err, named: golden)
    }

    @Test func versionPrintsTheVersion() async {
        let result = await runMonk(["--version"])
        #expect(result.status == .success)
        #expect(result.out == "monk \(MonkCLI.version)\n")
    }

    @Test func helpSubcommandMatchesDashDashHelp() async {
        let viaHelp = await runMonk(["help", "completions"])
        let viaFlag = await runMonk(["completions", "--help"])
        #expect(viaHelp.status == .success)
        #expect(viaHelp.out == viaFlag.out)
        #expect(viaHelp.out.contains("USAGE: monk completions [<options>] <SHELL>"))
    }

    @Test func everyExitStatusIsInTheManualPage() async {
        let page = await runMonk(["man"]).out
        for status in ExitStatus.all {
            #expect(page.contains(".B \(status.code)\n"), "exit status \(status.code) missing from the man page")
        }
    }
}
