import Foundation
import MonkClient
import MonkCommandLine
import MonkCore
import MonkTestSupport
import Testing

@testable import MonkCLI

/// `ClientOptions` and `QueryOptions` read from real command lines through the program's parser.
@Suite struct ClientOptionsTests {
    /// Parses `arguments` with monk's table and returns the command it selects.
    func parse(_ arguments: [String]) throws -> ParsedCommand {
        guard case .run(let parsed) = try Parser(program: RootCommand.program).parse(arguments, environment: [:]) else {
            throw UsageError("not a runnable command line", commandPath: [])
        }
        return parsed
    }

    @Test func defaultsApplyWhenNoFlagIsGiven() throws {
        let options = ClientOptions(try parse(["data", "list", "account"]))
        #expect(options == ClientOptions())
        #expect(options.timeoutSeconds == 60)
        #expect(options.retries == 3)
        #expect(options.tlsVerification == .verify)
    }

    @Test func flagsAreRead() throws {
        let options = ClientOptions(
            try parse([
                "data", "list", "account", "--server", "prod", "--tenant", "acme", "--timeout", "5", "--retries", "1",
                "--insecure",
            ])
        )
        #expect(
            options
                == ClientOptions(
                    server: "prod",
                    tenant: "acme",
                    timeoutSeconds: 5,
                    retries: 1,
                    tlsVerification: .insecure
                )
        )
        #expect(options.transportConfiguration.connectTimeout == .seconds(5))
        #expect(options.transportConfiguration.requestTimeout == .seconds(5))
        #expect(options.retryPolicy.maxRetries == 1)
    }

    @Test func authCommandsTakeTheTenantAsAnArgumentNotAnOption() throws {
        let options = ClientOptions(try parse(["auth", "login", "acme", "root", "--server", "prod"]))
        #expect(options.server == "prod")
        #expect(options.tenant == nil)
        #expect(throws: UsageError.self) { try parse(["auth", "login", "acme", "root", "--tenant", "x"]) }
    }

    @Test(arguments: [
        ["data", "list", "m", "--timeout", "0"],
        ["data", "list", "m", "--timeout", "soon"],
        ["data", "list", "m", "--retries", "-1"],
        ["data", "export", "m", "dir", "--format", "xml"],
    ])
    func badValuesAreUsageErrors(arguments: [String]) {
        #expect(throws: UsageError.self) { try parse(arguments) }
    }

    @Test func queryOptionsBuildTheFindBody() throws {
        let query = try QueryOptions(
            try parse(["find", "m", "--where", #"{"a": 1}"#, "--order", "b desc", "--order", "id", "--limit", "5"])
        )
        var body: JSONObject = ["limit": 100, "trashed": "include"]
        query.apply(to: &body)
        #expect(body == ["where": ["a": 1], "order": ["b desc", "id"], "limit": 5, "trashed": "include"])
    }

    @Test(arguments: [#"{"a": "#, "[1]", "nope"])
    func malformedWhereIsAUsageError(text: String) async throws {
        let result = await runMonk(["find", "m", "--where", text])
        #expect(result.status == .usage)
        #expect(result.err.contains("--where"))
    }

    @Test func insecureWarnsAndAMissingSessionFailsBeforeAnyRequest() async throws {
        try await withTemporaryDirectory { dir in
            let environment = ["MONK_CLI_CONFIG_DIR": dir.path, "MONK_API_BASE_URL": "http://127.0.0.1:1"]
            let result = await runMonk(["describe", "list", "--insecure"], environment: environment)
            #expect(result.status.code == 4)
            #expect(result.err.contains("⚠ --insecure: TLS certificates are not checked"))
            #expect(result.err.contains("✗ not logged in to http://127.0.0.1:1"))
        }
    }
}
