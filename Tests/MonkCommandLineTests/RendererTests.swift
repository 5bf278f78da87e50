import MonkCommandLine
import MonkTestSupport
import Testing

@Suite struct RendererTests {
    let program = SampleProgram.program

    @Test(arguments: [([], "help-root"), (["sync"], "help-sync"), (["sync", "diff"], "help-sync-diff")])
    func helpText(path: [String], golden: String) throws {
        try expectGolden(try #require(HelpRenderer(program: program).help(for: path)), named: golden)
    }

    @Test func usageLines() {
        let help = HelpRenderer(program: program)
        #expect(help.usage(for: ["sync", "diff"]) == "tool sync diff [<options>] <SRC> <DST>")
        #expect(help.usage(for: ["get"]) == "tool get [<options>] <ID> [<FIELD>]")
        #expect(help.usage(for: ["sync", "push"]) == "tool sync push [<options>] <FILES> ...")
        #expect(help.usage(for: ["sync"]) == "tool sync [<options>] <subcommand>")
    }

    @Test func helpForUnknownPathIsNil() {
        #expect(HelpRenderer(program: program).help(for: ["nope"]) == nil)
    }

    @Test func completionScripts() throws {
        try expectGolden(BashCompletionRenderer(program: program).render(), named: "completion", ext: "bash")
        try expectGolden(ZshCompletionRenderer(program: program).render(), named: "completion", ext: "zsh")
        try expectGolden(FishCompletionRenderer(program: program).render(), named: "completion", ext: "fish")
    }

    @Test func manualPage() throws {
        let page = ManualRenderer(program: program).render()
        #expect(page.contains(".SS \"tool sync diff\""))
        #expect(page.contains("\\-\\-format <FORMAT>"))
        try expectGolden(page, named: "manual", ext: "1")
    }
}
