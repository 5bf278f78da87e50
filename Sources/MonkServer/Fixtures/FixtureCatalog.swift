import MonkArchive
import MonkCore
import MonkFixtures
import MonkStore

/// The fixtures a server can apply, parsed once at start-up (API.md §12).
struct FixtureCatalog: Sendable {
    /// One parsed fixture.
    struct Fixture: Sendable {
        var name: String
        var dependsOn: [String]
        /// Model entries of every `describe/*.yaml`, in file order.
        var models: [JSONObject]
        /// `(model, records)` per data file, in file-name order (the model is the file stem).
        var data: [(model: String, records: [JSONObject])]
        /// Whether the fixture ships inside the binary (its definitions are trusted, see ``FixtureApplier``).
        var isBuiltIn = true
    }

    let fixtures: [String: Fixture]
    /// Why a fixture could not be parsed, by name; applying it fails with this message.
    let problems: [String: String]

    /// The fixtures bundled with the binary.
    static func builtIn() -> FixtureCatalog {
        var fixtures: [String: Fixture] = [:]
        var problems: [String: String] = [:]
        for (name, files) in FixtureBundle.builtIn() {
            do {
                fixtures[name] = try parse(files)
            } catch {
                problems[name] = "\(error)"
            }
        }
        return FixtureCatalog(fixtures: fixtures, problems: problems)
    }

    /// The fixtures to apply for a `template` list, in order: `system` first, each fixture after its
    /// `depends_on`, each once.
    ///
    /// - Throws: 400 `FIXTURE_NOT_FOUND` (`data.fixture`), 400 `BAD_REQUEST` for a dependency cycle.
    func resolve(_ names: [String]) throws -> [Fixture] {
        var ordered: [Fixture] = []
        var done: Set<String> = []
        func visit(_ name: String, path: [String]) throws {
            if done.contains(name) { return }
            if path.contains(name) { throw APIError.badRequest("fixture dependency cycle: \(path + [name])") }
            guard let fixture = fixtures[name] else {
                if let problem = problems[name] { throw APIError(500, "INTERNAL_ERROR", "fixture \(name): \(problem)") }
                throw APIError(400, "FIXTURE_NOT_FOUND", "no fixture '\(name)'", details: ["fixture": .string(name)])
            }
            for dependency in fixture.dependsOn { try visit(dependency, path: path + [name]) }
            done.insert(name)
            ordered.append(fixture)
        }
        for name in ["system"] + names { try visit(name, path: []) }
        return ordered
    }

    private static func parse(_ files: FixtureBundle.Files) throws -> Fixture {
        let template = try YAMLReader.parse(files.template, source: "\(files.name)/template.yaml")
        let dependsOn = template["depends_on"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var models: [JSONObject] = []
        for file in files.describe {
            let document = try YAMLReader.parse(file.bytes, source: "\(files.name)/describe/\(file.name)")
            for entry in document["models"]?.arrayValue ?? [] {
                if case .object(let model) = entry { models.append(model) }
            }
        }
        var data: [(model: String, records: [JSONObject])] = []
        for file in files.data {
            let stem = String(file.name.prefix { $0 != "." })
            let values: [JSONValue]
            if file.name.hasSuffix(".jsonl") {
                values = try RequestBody(maxBytes: .max, maxDepth: 64).lines(file.bytes)
            } else {
                values = try YAMLReader.parse(file.bytes, source: "\(files.name)/data/\(file.name)").arrayValue ?? []
            }
            data.append((stem, values.compactMap(\.objectValue)))
        }
        return Fixture(name: files.name, dependsOn: dependsOn, models: models, data: data)
    }
}
