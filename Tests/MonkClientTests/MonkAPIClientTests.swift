import MonkClient
import MonkCore
import MonkTestSupport
import Synchronization
import Testing

@Suite struct MonkAPIClientTests {
    private static let secret = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.sig"

    private func client(_ server: LoopbackHTTPServer, token: String? = secret) throws -> MonkAPIClient {
        MonkAPIClient(baseURL: server.baseURL + "/", token: token, transport: try CurlTransport())
    }

    @Test func sendsBearerTokenAndCanonicalJSONAndDecodesTheEnvelope() async throws {
        let server = try LoopbackHTTPServer(replies: [.json(#"{"success":true,"data":[{"id":"1","name":"Ada"}]}"#)])
        defer { server.stop() }
        let created = try await client(server).createRecords(
            "users",
            [["name": "Ada", "id": "1"]],
            options: [.stat, .upsert]
        )
        #expect(created == [["id": "1", "name": "Ada"]])
        let seen = try #require(server.received.first)
        #expect(seen.method == "POST")
        #expect(seen.target == "/api/data/users?stat=true&upsert=true")
        #expect(seen.headers["authorization"] == "Bearer \(Self.secret)")
        #expect(seen.headers["content-type"] == "application/json")
        #expect(String(decoding: seen.body, as: UTF8.self) == #"[{"id":"1","name":"Ada"}]"#)
    }

    @Test(arguments: [
        #"{"success":true,"data":[{"id":"a"}],"total":42}"#,
        #"{"success":true,"method":"POST","path":"/x","data":{"data":[{"id":"a"}],"total":42}}"#,
    ])
    func findAcceptsTotalAtTheTopOrInsideData(body: String) async throws {
        let server = try LoopbackHTTPServer(replies: [.json(body)])
        defer { server.stop() }
        let result = try await client(server).find("users", ["count": true, "limit": 1])
        #expect(result.records == [["id": "a"]])
        #expect(result.total == 42)
    }

    @Test func errorCarriesStatusCodeDetailsAndCategoryButNeverTheToken() async throws {
        let body = #"{"success":false,"error":"Record not found","error_code":"RECORD_NOT_FOUND","data":{"id":"x"}}"#
        let server = try LoopbackHTTPServer(replies: [.json(body, status: 404)])
        defer { server.stop() }
        let error = await #expect(throws: TransportError.self) {
            _ = try await client(server).record("users", id: "x y")
        }
        let failure = try #require(error)
        #expect(failure.status == 404)
        #expect(failure.serverCode == "RECORD_NOT_FOUND")
        #expect(failure.details["id"] == "x")
        #expect(failure.category == .notFound)
        #expect(failure.url == "\(server.baseURL)/api/data/users/x%20y")
        #expect(failure.message == "GET \(server.baseURL)/api/data/users/x%20y: 404 RECORD_NOT_FOUND: Record not found")
        #expect(!String(reflecting: failure).contains(Self.secret))
        #expect(!failure.description.contains(Self.secret))
    }

    @Test func htmlAtTheRootMeansMonkAPIAndJSONMeansMonkServe() async throws {
        let html = LoopbackHTTPServer.Reply(headers: [("Content-Type", "text/html")], body: Array("<html/>".utf8))
        let json = LoopbackHTTPServer.Reply.json(
            #"{"success":true,"data":{"name":"monk","version":"0.1.0","database":"sqlite","#
                + #""capabilities":["keyset","bulk-expect"],"limits":{"max_bulk_operations":10000}}}"#
        )
        let server = try LoopbackHTTPServer(replies: [html, json])
        defer { server.stop() }
        let api = try client(server, token: nil)
        #expect(try await api.serverInfo().kind == .monkAPI)
        let info = try await api.serverInfo()
        #expect(info.kind == .monkServe)
        #expect(info.supports("keyset") && !info.supports("jobs"))
        #expect(info.limits["max_bulk_operations"] == 10000)
    }

    @Test func loginReadsTheTokenAndRefreshSendsItTwice() async throws {
        let login =
            #"{"success":true,"data":{"token":"t1","expires_in":604800,"user":{"username":"root","tenant":"acme"}}}"#
        let server = try LoopbackHTTPServer(replies: [.json(login)])
        defer { server.stop() }
        let issued = try await client(server, token: nil).login(tenant: "acme", username: "root", password: "pw")
        #expect(issued.token == "t1" && issued.expiresIn == 604_800)
        #expect(issued.username == "root" && issued.tenant == "acme")
        #expect(!issued.description.contains("t1"))
        _ = try await client(server, token: "t1").refresh()
        let refresh = try #require(server.received.last)
        #expect(refresh.headers["authorization"] == "Bearer t1")
        #expect(String(decoding: refresh.body, as: UTF8.self) == #"{"token":"t1"}"#)
    }

    @Test func streamsJSONLLinesAcrossChunksAndPagesWithAfter() async throws {
        let page1 = [Array(#"{"id":"a"}"#.utf8) + [10, 123, 34], Array(#"id":"b"}"#.utf8) + [13, 10, 10]]
        let page2 = [Array(#"{"id":"c"}"#.utf8)]
        let server = try LoopbackHTTPServer(replies: [
            .init(headers: [("Content-Type", "application/x-ndjson")], chunks: page1),
            .init(headers: [("Content-Type", "application/x-ndjson")], chunks: page2),
        ])
        defer { server.stop() }
        let lines = Mutex<[String]>([])
        let count = try await client(server).streamAllRecords("users", pageSize: 2) { line in
            lines.withLock { $0.append(String(decoding: line, as: UTF8.self)) }
        }
        #expect(count == 3)
        #expect(lines.withLock { $0 } == [#"{"id":"a"}"#, #"{"id":"b"}"#, #"{"id":"c"}"#])
        let targets = server.received.map(\.target)
        #expect(targets == ["/api/data/users?order=id&limit=2", "/api/data/users?order=id&limit=2&after=b"])
        #expect(server.received.allSatisfy { $0.headers["accept"] == "application/x-ndjson" })
    }

    @Test func errorLineAtTheEndOfAStreamIsThrown() async throws {
        let chunks = [
            Array(#"{"id":"a"}"#.utf8) + [10],
            Array(#"{"error":true,"message":"disk","error_code":"INTERNAL_ERROR"}"#.utf8),
        ]
        let server = try LoopbackHTTPServer(replies: [.init(chunks: chunks)])
        defer { server.stop() }
        let seen = Mutex(0)
        let error = await #expect(throws: TransportError.self) {
            _ = try await client(server).streamRecords("users", query: DataQuery(limit: 10)) { _ in
                seen.withLock { $0 += 1 }
            }
        }
        #expect(error?.serverCode == "INTERNAL_ERROR", "\(String(describing: error))")
        #expect(error?.message.contains("disk") == true)
        #expect(seen.withLock { $0 } == 1)
    }

    @Test func htmlWhereJSONWasExpectedIsABadResponse() async throws {
        let server = try LoopbackHTTPServer(replies: [
            .init(headers: [("Content-Type", "text/html")], body: Array("<p>".utf8))
        ])
        defer { server.stop() }
        let error = await #expect(throws: TransportError.self) { _ = try await client(server).modelNames() }
        #expect(error?.code == .badResponse)
        #expect(error?.category == .badInput)
        #expect(error?.message.contains("text/html") == true)
    }

    @Test(arguments: [
        (404, "MODEL_NOT_FOUND", FailureCategory.notFound),
        (500, "INTERNAL_ERROR", .rejected),
        (422, "RECORD_NOT_FOUND", .notFound),
        (401, "AUTH_TOKEN_EXPIRED", .permission),
        (401, "USER_NOT_FOUND", .permission),
        (403, "PERMISSION_DENIED", .permission),
        (403, "MODEL_FROZEN", .rejected),
        (409, "RECORD_CHANGED", .rejected),
        (429, "RATE_LIMITED", .network),
        (503, "DATABASE_UNAVAILABLE", .network),
        (400, "INVALID_REQUEST_BODY", .badInput),
        (400, "FILTER_INVALID_FIELD_NAME", .rejected),
        (413, "REQUEST_TOO_LARGE", .rejected),
        (410, "GONE", .notFound),
    ])
    func serverErrorsMapToExitCategories(status: Int, code: String, expected: FailureCategory) {
        let error = TransportError(code: .server, message: "x", status: status, serverCode: code)
        #expect(error.category == expected)
    }

    @Test func transportFailuresMapToExitCategories() {
        #expect(TransportError(code: .network, message: "x").category == .network)
        #expect(TransportError(code: .badResponse, message: "x").category == .badInput)
        #expect(TransportError(code: .server, message: "x", status: 502).category == .network)
        #expect(TransportError(code: .server, message: "x", status: 404).category == .notFound)
    }
}

@Suite struct MonkAPIClientPagingTests {
    @Test func brokenStreamResumesAfterTheLastRecordReceived() async throws {
        let broken = LoopbackHTTPServer.Reply(
            chunks: [Array(#"{"id":"a"}"#.utf8) + [10] + Array(#"{"id":"b"}"#.utf8) + [10, 123]],
            truncates: true
        )
        let rest = LoopbackHTTPServer.Reply(chunks: [Array(#"{"id":"c"}"#.utf8) + [10]])
        let server = try LoopbackHTTPServer(replies: [broken, rest])
        defer { server.stop() }
        let client = MonkAPIClient(baseURL: server.baseURL, token: nil, transport: try CurlTransport())
        let ids = Mutex<[String]>([])
        let count = try await client.streamAllRecords("users", pageSize: 5) { line in
            ids.withLock { $0.append(String(decoding: line, as: UTF8.self)) }
        }
        #expect(count == 3)
        #expect(ids.withLock { $0 } == [#"{"id":"a"}"#, #"{"id":"b"}"#, #"{"id":"c"}"#])
        #expect(server.received.map(\.target).last == "/api/data/users?order=id&limit=5&after=b")
    }

    @Test func findPageSendsTheKeysetConditionEveryServerUnderstands() async throws {
        let server = try LoopbackHTTPServer(replies: [.json(#"{"success":true,"data":[{"id":"c"}]}"#)])
        defer { server.stop() }
        let client = MonkAPIClient(
            connection: ServerConnection(serverName: "s", baseURL: server.baseURL, token: "t"),
            transport: try CurlTransport()
        )
        let records = try await client.findPage("users", after: "b", limit: 2, filter: ["active": true])
        #expect(records == [["id": "c"]])
        let sent = try JSONParser.parse(try #require(server.received.first).body)
        let expected: JSONValue = [
            "where": ["$and": [["active": true], ["id": ["$gt": "b"]]]], "order": ["id asc"], "limit": 2,
        ]
        #expect(sent == expected)
    }

    @Test func debugDescriptionAddsDetailButNoSecret() {
        var error = TransportError(code: .server, message: "POST http://h/api/bulk: 409 RECORD_CHANGED", status: 409)
        error.requestID = "r-1"
        error.details = ["id": "x"]
        #expect(
            String(reflecting: error)
                == #"POST http://h/api/bulk: 409 RECORD_CHANGED [server, request r-1, details {"id":"x"}]"#
        )
    }
}
