import Foundation
import MonkClient
import MonkTestSupport
import Testing

@Suite struct ConfigStoreTests {
    @Test func configDirectoryComesFromTheEnvironmentInOrder() throws {
        let cases: [([String: String], String)] = [
            (["MONK_CLI_CONFIG_DIR": "/a/", "XDG_CONFIG_HOME": "/x", "HOME": "/h"], "/a"),
            (["XDG_CONFIG_HOME": "/x", "HOME": "/h"], "/x/monk"),
            (["HOME": "/h"], "/h/.config/monk"),
            (["MONK_CLI_CONFIG_DIR": "", "HOME": "/h"], "/h/.config/monk"),
        ]
        for (environment, expected) in cases {
            #expect(try ConfigStore(environment: environment).directory == expected)
        }
        #expect(throws: ConfigError.self) { try ConfigStore(environment: [:]) }
    }

    @Test func saveWritesMode0600InA0700DirectoryAndLoadsItBack() async throws {
        try await withTemporaryDirectory { dir in
            let store = ConfigStore(directory: dir.path + "/nested/monk")
            #expect(try store.load() == ClientConfig())
            var config = ClientConfig()
            try config.addServer("local", url: "http://127.0.0.1:9001/")
            try config.addServer("staging", url: "https://staging.example")
            config.saveSession(
                .init(server: "local", tenant: "acme", user: "root", token: "tok", expiresAt: 1_800_000_000)
            )
            try store.save(config)
            #expect(try store.load() == config)
            #expect(try permissions(store.path) == 0o600)
            #expect(try permissions(store.directory) == 0o700)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: store.directory)
            #expect(leftovers == ["config.json"])
        }
    }

    @Test func saveReplacesTheFileAtomicallyAndKeepsMode0600() async throws {
        try await withTemporaryDirectory { dir in
            let store = ConfigStore(directory: dir.path)
            try "{}".write(toFile: store.path, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: store.path)
            let before = try inode(store.path)
            try store.update { config in try config.addServer("local", url: "http://127.0.0.1:1") }
            #expect(try inode(store.path) != before)
            #expect(try permissions(store.path) == 0o600)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: store.path)
            _ = try store.load()
            #expect(try permissions(store.path) == 0o600)
            #expect(try store.load().currentServer == "local")
        }
    }

    @Test func malformedFileIsAClearError() async throws {
        try await withTemporaryDirectory { dir in
            let store = ConfigStore(directory: dir.path)
            for text in ["{", #"{"servers":[]}"#, #"{"sessions":[{"server":"a"}]}"#] {
                try text.write(toFile: store.path, atomically: false, encoding: .utf8)
                let error = #expect(throws: ConfigError.self) { try store.load() }
                #expect(error?.code == .malformed)
                #expect(error?.message.hasPrefix(store.path) == true)
            }
        }
    }

    @Test func unknownServerNamesTheKnownOnes() throws {
        var config = ClientConfig()
        try config.addServer("staging", url: "http://s")
        try config.addServer("local", url: "http://l")
        let error = #expect(throws: ConfigError.self) { try config.useServer("prod") }
        #expect(error?.message == "no server named `prod`; known: local, staging")
        #expect(error?.category == .notFound)
        #expect(throws: ConfigError.self) { try config.addServer("bad name", url: "http://x") }
        #expect(throws: ConfigError.self) { try config.addServer("ok", url: "ftp://x") }
    }

    @Test func connectionUsesSessionsAndEnvironmentOverrides() throws {
        var config = ClientConfig()
        try config.addServer("local", url: "http://l")
        try config.addServer("prod", url: "https://p")
        config.saveSession(.init(server: "prod", tenant: "acme", user: "ada", token: "secret-prod", expiresAt: 100))
        config.saveSession(.init(server: "local", tenant: "dev", user: "root", token: "secret-local", expiresAt: nil))

        let current = try config.connection(server: nil, tenant: nil, environment: [:], now: 50)
        #expect(
            current
                == ServerConnection(
                    serverName: "local",
                    baseURL: "http://l",
                    tenant: "dev",
                    user: "root",
                    token: "secret-local"
                )
        )

        let prod = try config.connection(server: "prod", tenant: nil, environment: ["MONK_API_TOKEN": "env"], now: 200)
        #expect(prod.token == "secret-prod" && prod.tenant == "acme" && prod.isTokenExpired)
        #expect(!prod.description.contains("secret"))

        let environment = ["MONK_API_BASE_URL": "http://e/", "MONK_API_TOKEN": "env"]
        let overridden = try config.connection(server: nil, tenant: "t", environment: environment, now: 0)
        #expect(overridden == ServerConnection(serverName: nil, baseURL: "http://e", tenant: "t", token: "env"))

        let tokenOnly = try config.connection(server: nil, tenant: nil, environment: ["MONK_API_TOKEN": "env"], now: 0)
        #expect(tokenOnly.baseURL == "http://l" && tokenOnly.token == "env")

        #expect(throws: ConfigError.self) {
            try ClientConfig().connection(server: nil, tenant: nil, environment: [:], now: 0)
        }
    }

    @Test func removingAServerDropsItsSessionsAndCurrentSelection() throws {
        var config = ClientConfig()
        try config.addServer("local", url: "http://l")
        config.saveSession(.init(server: "local", tenant: "dev", user: "root", token: "t", expiresAt: nil))
        try config.removeServer("local")
        #expect(config == ClientConfig())
    }
}

private func permissions(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

private func inode(_ path: String) throws -> UInt64 {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
}
