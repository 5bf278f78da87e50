import MonkCommandLine
import Testing

@Suite struct ParserTests {
    @Test(arguments: [
        ["sync", "diff", "a", "b", "--format", "json"],
        ["sync", "diff", "a", "b", "--format=json"],
        ["sync", "diff", "--format", "json", "a", "b"],
        ["sync", "compare", "a", "b", "--format=json"],
    ])
    func optionValueSpellingsAgree(words: [String]) throws {
        let parsed = try SampleProgram.run(words)
        #expect(parsed.path == ["sync", "diff"])
        #expect(parsed.value("format") == "json")
        #expect(parsed.argument("SRC") == "a")
        #expect(parsed.argument("DST") == "b")
    }

    @Test(arguments: [
        (["-q", "sync", "diff", "a", "b"], 1, 0),
        (["sync", "diff", "a", "b", "-qv"], 1, 1),
        (["sync", "-vv", "diff", "a", "b"], 0, 2),
        (["sync", "diff", "-vqv", "a", "b"], 1, 2),
    ])
    func globalFlagsAnywhereAndBundled(words: [String], quiet: Int, verbose: Int) throws {
        let parsed = try SampleProgram.run(words)
        #expect(parsed.count("quiet") == quiet)
        #expect(parsed.count("verbose") == verbose)
    }

    @Test func shortValueAttachedOrSeparate() throws {
        #expect(try SampleProgram.run(["sync", "diff", "a", "b", "-ofile.patch"]).value("output") == "file.patch")
        #expect(try SampleProgram.run(["sync", "diff", "a", "b", "-o", "p"]).value("output") == "p")
        #expect(try SampleProgram.run(["sync", "diff", "a", "b", "-no", "p"]).flag("dry-run"))
    }

    @Test func doubleDashEndsOptionsAndDashIsPositional() throws {
        let parsed = try SampleProgram.run(["sync", "diff", "--", "-weird", "--name"])
        #expect(parsed.argument("SRC") == "-weird")
        #expect(parsed.argument("DST") == "--name")
        #expect(try SampleProgram.run(["sync", "diff", "-", "b"]).argument("SRC") == "-")
    }

    @Test func repeatableOptionsCollectInOrder() throws {
        let parsed = try SampleProgram.run(["sync", "diff", "a", "b", "-s", "users", "--schema=orders", "-saccounts"])
        #expect(parsed.values("schema") == ["users", "orders", "accounts"])
    }

    @Test func defaultsEnvironmentAndExplicitValues() throws {
        let plain = try SampleProgram.run(["sync", "diff", "a", "b"])
        #expect(plain.value("format") == "summary")
        #expect(!plain.isExplicit("format"))
        #expect(plain.integer("batch-size") == nil)
        let fromEnvironment = try SampleProgram.run(["sync", "diff", "a", "b"], environment: ["TOOL_BATCH_SIZE": "50"])
        #expect(fromEnvironment.integer("batch-size") == 50)
        let typed = try SampleProgram.run(
            ["sync", "diff", "a", "b", "--batch-size", "7"],
            environment: ["TOOL_BATCH_SIZE": "50"]
        )
        #expect(typed.integer("batch-size") == 7)
        #expect(typed.isExplicit("batch-size"))
    }

    @Test func optionalValueOnlyWithEquals() throws {
        #expect(try SampleProgram.run(["sync", "diff", "a", "b", "--progress"]).value("progress") == "bar")
        #expect(try SampleProgram.run(["sync", "diff", "a", "b", "--progress=json"]).value("progress") == "json")
    }

    @Test func hiddenAliasesAreAccepted() throws {
        #expect(try SampleProgram.run(["sync", "diff", "a", "b", "--dryrun"]).flag("dry-run"))
    }

    @Test func optionalAndRepeatingArguments() throws {
        #expect(try SampleProgram.run(["get", "1"]).argument("FIELD") == nil)
        #expect(try SampleProgram.run(["get", "1", "name"]).argument("FIELD") == "name")
        #expect(try SampleProgram.run(["sync", "push", "a", "b", "c"]).arguments("FILES") == ["a", "b", "c"])
    }

    @Test(arguments: [
        (["--help"], []),
        (["-h"], []),
        (["sync", "--help"], ["sync"]),
        (["sync", "diff", "-h"], ["sync", "diff"]),
        (["sync", "diff", "--nosuch", "--help"], ["sync", "diff"]),
        (["help", "sync", "diff"], ["sync", "diff"]),
        (["help"], []),
        ([], []),
    ])
    func helpEverywhere(words: [String], path: [String]) throws {
        let outcome = try Parser(program: SampleProgram.program).parse(words, environment: [:])
        guard case .help(let helpPath) = outcome else {
            Issue.record("expected help, got \(outcome)")
            return
        }
        #expect(helpPath == path)
    }

    @Test func versionAtTheRoot() throws {
        let outcome = try Parser(program: SampleProgram.program).parse(["--version"], environment: [:])
        guard case .version = outcome else {
            Issue.record("expected version, got \(outcome)")
            return
        }
    }

    @Test(
        arguments: [
            (["sync", "dif", "a", "b"], "unknown command `dif` for `tool sync`", "did you mean `diff`?"),
            (["snyc"], "unknown command `snyc` for `tool`", "did you mean `sync`?"),
            (
                ["sync", "diff", "a", "b", "--dry-rn"], "unknown option `--dry-rn` for `tool sync diff`",
                "did you mean `--dry-run`?"
            ),
            (
                ["sync", "diff", "a", "b", "--format", "jsn"], "option `--format` does not accept `jsn`",
                "did you mean `json`? allowed: summary, json, unified"
            ),
            (
                ["sync", "diff", "a", "b", "--format"], "option `--format` needs a value <FORMAT>",
                "allowed: summary, json, unified"
            ),
            (
                ["sync", "diff", "a", "b", "--batch-size", "0"],
                "option `--batch-size` needs a whole number from 1 to 10000, not `0`",
                nil
            ),
            (["sync", "diff", "a"], "missing argument <DST>: Destination.", nil),
            (["sync", "diff", "a", "b", "c"], "unexpected argument `c` for `tool sync diff`", nil),
            (["sync", "diff", "a", "b", "--dry-run=yes"], "option `--dry-run` takes no value", nil),
            (
                ["sync", "diff", "a", "b", "--format", "json", "--format", "json"],
                "option `--format` is given more than once", nil
            ),
            (["sync"], "tool sync needs a subcommand: diff, push", "run `tool sync --help` to see what each does"),
            (["sync", "push"], "<FILES> needs at least 1 value", nil),
            (["help", "nope"], "no help for `tool nope`: unknown command `nope`", nil),
        ] as [([String], String, String?)]
    )
    func usageErrorsNameTheProblemAndSuggest(words: [String], message: String, suggestion: String?) throws {
        let error = try #require(SampleProgram.error(words))
        #expect(error.message == message)
        #expect(error.suggestion == suggestion)
    }

    @Test func environmentValuesAreValidatedToo() {
        do {
            _ = try Parser(program: SampleProgram.program)
                .parse(["sync", "diff", "a", "b"], environment: ["TOOL_BATCH_SIZE": "lots"])
            Issue.record("expected a usage error")
        } catch {
            #expect(error.message.hasPrefix("environment variable TOOL_BATCH_SIZE needs a whole number"))
        }
    }

    @Test func errorsCarryTheCommandPathForUsage() throws {
        let error = try #require(SampleProgram.error(["sync", "diff", "a", "b", "--nope"]))
        #expect(error.commandPath == ["sync", "diff"])
    }
}
