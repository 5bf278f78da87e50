import Foundation
import MonkArchive
import MonkCore
import MonkTestSupport
import Testing

@testable import MonkCLI

/// Reading input documents: `FILE`, `@FILE`, `-`, inline JSON, YAML, and the errors and exit codes of bad input.
@Suite struct InputSourceTests {
    @Test(arguments: [
        (nil, InputSource.standardInput),
        ("-", .standardInput),
        ("@rec.json", .file("rec.json")),
        ("rec.json", .file("rec.json")),
        (#"{"a": 1}"#, .inline(#"{"a": 1}"#)),
        ("[1]", .inline("[1]")),
    ])
    func argumentsNameTheirSource(argument: String?, expected: InputSource) {
        #expect(InputSource(argument: argument) == expected)
    }

    @Test func filesAreParsedAsJSONOrByExtensionAsYAML() async throws {
        try await withTemporaryDirectory { dir in
            let json = dir.appendingPathComponent("r.json")
            try Data(#"{"b": [1, 2.50], "a": null}"#.utf8).write(to: json)
            let yaml = dir.appendingPathComponent("r.yaml")
            try Data("a: null\nb: [1, 2.50]\n".utf8).write(to: yaml)
            let expected: JSONValue = ["a": nil, "b": [1, .number(JSONNumber(uncheckedCanonical: "2.5"))]]
            #expect(try await InputSource(argument: "@" + json.path).load() == expected)
            #expect(try await InputSource(argument: yaml.path).load() == expected)
            #expect(try await InputSource(argument: #"{"a": null, "b": [1, 2.5]}"#).load() == expected)
        }
    }

    @Test func malformedFileIsBadInputNamingTheFile() async throws {
        try await withTemporaryDirectory { dir in
            let file = dir.appendingPathComponent("broken.json")
            try Data("{\n  \"name\": \"Ada\",\n}".utf8).write(to: file)
            let error = await #expect(throws: ArchiveError.self) { try await InputSource.file(file.path).load() }
            #expect(error?.code == .invalidData)
            #expect(error?.message.hasPrefix(file.path + ": line 3") == true)
            #expect(ExitStatus.of(try #require(error)) == .badInput)
        }
    }

    @Test func missingFileIsNotFound() async throws {
        let error = await #expect(throws: ArchiveError.self) {
            try await InputSource.file("/nonexistent/monk/input.json").load()
        }
        #expect(error.map(ExitStatus.of) == .notFound)
    }

    @Test func nonObjectWhereAnObjectIsNeededIsBadInput() async throws {
        let error = await #expect(throws: ArchiveError.self) { try await InputSource.inline("[1]").loadObject() }
        #expect(error?.message == "the command-line argument: expected a JSON object, found array")
    }

    @Test func commandWithMalformedInputFileExitsSevenBeforeContactingAServer() async throws {
        try await withTemporaryDirectory { dir in
            let file = dir.appendingPathComponent("bad.json")
            try Data(#"{"name": "#.utf8).write(to: file)
            let environment = ["MONK_CLI_CONFIG_DIR": dir.path, "MONK_API_BASE_URL": "http://127.0.0.1:1"]
            let result = await runMonk(["data", "create", "account", "@" + file.path], environment: environment)
            #expect(result.status == .badInput)
            #expect(result.status.code == 7)
            #expect(result.out.isEmpty)
            #expect(result.err.contains("bad.json: line 1"))
        }
    }
}
