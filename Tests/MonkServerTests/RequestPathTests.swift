import Foundation
import HTTPTypes
import MonkCore
import Testing

@testable import MonkServer

/// The request-path shortcuts: verified tokens, the spliced GET answer, the request ids.
@Suite struct RequestPathTests {
    @Test func aCachedTokenStillExpires() throws {
        let signer = TokenSigner(secret: Array("test-secret".utf8))
        let token = signer.sign(["sub": "u", "exp": 1_000])
        let cache = VerifiedTokens()
        #expect(try cache.claims(of: token, signer: signer, now: 999)["sub"] == "u")
        // Served from the cache now, and still refused once `exp` has passed.
        #expect(try cache.claims(of: token, signer: signer, now: 999)["sub"] == "u")
        #expect(throws: APIError.self) { try cache.claims(of: token, signer: signer, now: 1_000) }
        let forged = TestTokens.sign(["sub": "u", "exp": 5_000], secret: "another-secret")
        #expect(throws: APIError.self) { try cache.claims(of: forged, signer: signer, now: 999) }
    }

    @Test func base64URLDecodesWhatItEncodes() {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
        #expect(Base64URL.decode("ab$d") == nil)
        #expect(Base64URL.decode("a") == nil)
    }

    @Test func requestIDsAreVersion4UUIDs() {
        let ids = (0..<100).map { _ in RequestIDs.make() }
        #expect(Set(ids).count == 100)
        for id in ids {
            #expect(UUID(uuidString: id) != nil && id == id.lowercased())
            #expect(Array(id.utf8)[14] == UInt8(ascii: "4"))
        }
    }

    @Test func theSplicedGetAnswerEqualsTheEncodedOne() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let path = "/api/data/account/10000000-0000-4000-8000-000000000001"
            let plain = try await server.send(.get, path, token: token)
            // `?format=json` takes the general path (parse, strip, encode): the bytes must be the same.
            let encoded = try await server.send(.get, path + "?format=json", token: token)
            #expect(plain.status == 200 && encoded.status == 200)
            #expect(plain.body == encoded.body)
            #expect(plain.headers[.contentType] == "application/json; charset=utf-8")
            let stat = try await server.send(.get, path + "?stat=true", token: token)
            #expect(stat.data["created_at"]?.stringValue != nil)
            let missing = try await server.send(
                .get,
                "/api/data/account/10000000-0000-4000-8000-0000000000ff",
                token: token
            )
            #expect(missing.status == 404)
        }
    }
}
