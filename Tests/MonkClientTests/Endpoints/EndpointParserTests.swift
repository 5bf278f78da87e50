import MonkCore
import Testing

@Suite struct EndpointParserTests {
    private let parser = EndpointParser(pathExists: { ["backup", "acme"].contains($0) })

    private static func remote(_ server: String?, _ tenant: String, _ models: RemoteEndpoint.Models) -> Endpoint {
        .remote(RemoteEndpoint(server: server, tenant: tenant, models: models))
    }

    @Test(arguments: [
        ("prod:acme:users", remote("prod", "acme", .models(["users"]))),
        ("acme:users", remote(nil, "acme", .models(["users"]))),
        ("acme:a,b,c", remote(nil, "acme", .models(["a", "b", "c"]))),
        ("acme:a,b,a", remote(nil, "acme", .models(["a", "b"]))),
        ("staging.eu:acme:*", remote("staging.eu", "acme", .all)),
        ("acme:*", remote(nil, "acme", .all)),
        ("acme__sandbox:users", remote(nil, "acme__sandbox", .models(["users"]))),
        ("./out", Endpoint.directory(path: "./out")),
        ("/abs/dir/", .directory(path: "/abs/dir/")),
        ("~/dir", .directory(path: "~/dir")),
        ("data/users", .directory(path: "data/users")),
        (".", .directory(path: ".")),
        ("backup", .directory(path: "backup")),
        ("users.jsonl", .jsonlFile(path: "users.jsonl", model: "users")),
        ("dump/2024-01.jsonl#users", .jsonlFile(path: "dump/2024-01.jsonl", model: "users")),
        ("x.JSONL#orders", .jsonlFile(path: "x.JSONL", model: "orders")),
        ("acme.zip", .archive(path: "acme.zip", model: nil)),
        ("acme.zip#users", .archive(path: "acme.zip", model: "users")),
        ("snap.sqlite", .snapshot(path: "snap.sqlite", model: nil)),
        ("snap.db#users", .snapshot(path: "snap.db", model: "users")),
        ("-", .standardStream),
    ])
    func parsesModelEndpoints(argument: String, expected: Endpoint) throws {
        #expect(try parser.parse(argument) == expected)
    }

    @Test(arguments: [
        ("globex", remote(nil, "globex", .wholeTenant)),
        ("prod:acme", remote("prod", "acme", .wholeTenant)),
        ("prod:acme:users,orders", remote("prod", "acme", .models(["users", "orders"]))),
        ("other", remote(nil, "other", .wholeTenant)),
        ("acme:*", remote(nil, "acme", .all)),
        ("acme:a,b", remote(nil, "acme", .models(["a", "b"]))),
        ("/backups/acme.zip", .archive(path: "/backups/acme.zip", model: nil)),
    ])
    func parsesTenantEndpoints(argument: String, expected: Endpoint) throws {
        #expect(try parser.parse(argument, expecting: .tenant) == expected)
    }

    @Test func existingPathWinsOverATenantName() throws {
        #expect(try parser.parse("acme", expecting: .tenant) == .directory(path: "acme"))
    }

    @Test(arguments: [
        ("", EndpointError.Code.empty, "cannot be empty"),
        ("users", .missingModel, "expected [server:]tenant:model"),
        ("a:b:c:d", .tooManyParts, "at most three parts"),
        ("Acme:users", .invalidName, "'Acme' is not a tenant name"),
        ("acme:Users", .invalidName, "'Users' is not a model name"),
        ("acme:a,,b", .invalidName, "an empty name is not a model name"),
        ("acme:", .invalidName, "an empty name is not a model name"),
        ("pr od:acme:users", .invalidName, "'pr od' is not a server name"),
        ("2024-01-01.jsonl", .unknownModel, "add the model as '2024-01-01.jsonl#model'"),
        ("a.zip#Bad", .invalidName, "'Bad' is not a model name"),
    ])
    func rejectsMalformedArguments(argument: String, code: EndpointError.Code, fragment: String) {
        let error = #expect(throws: EndpointError.self) { try parser.parse(argument) }
        #expect(error?.code == code)
        #expect(error?.argument == argument)
        #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "")")
    }

    @Test func localityIsReported() throws {
        #expect(try parser.parse("a.zip").isLocal)
        #expect(try !parser.parse("acme:users").isLocal)
    }
}
